/*
 * Unit tests for fingerprint: the same story as two sources wrote it
 * (positive pairs) against different stories that share a template, a
 * topic or a very short title (negative pairs), the normalization behind
 * them, the distance distributions that justify the thresholds,
 * fingerprints pinned as FINGERPRINT_VERSION stores them, and hostile
 * input. Titles and texts are written for these tests in the
 * manner of real feeds (several after titles in the corpus feeds).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "feeds/fingerprint.h"

/* Two stories' titles and texts (NULL: none). */
struct fp_pair {
	const char	*what;
	const char	*ta, *xa;
	const char	*tb, *xb;
	const char	*story;	/* positive pairs of one story share it */
};

/* Texts that pairs share, cut or extended. */
#define TX_LEASE1	"The Several Provisions of Shanghai on Promoting the " \
	"Development of Financial Leasing in Pudong New Area will be " \
	"implemented from October 1. The provisions support leasing "
#define TX_LEASE2	"companies in setting up special purpose vehicles, " \
	"simplify customs procedures for leased aircraft and ships, and " \
	"allow cross-border settlement in renminbi. Officials said the rules "
#define TX_LEASE3	"would help Pudong become an international leasing hub."

#define TX_FUND1	"Over the past five years, nearly 600 million yuan " \
	"of life-saving money has been recovered by the city's medical " \
	"insurance regulators, who combine big data screening with "
#define TX_FUND2	"unannounced inspections of hospitals and " \
	"pharmacies. Fraud cases fell by a third last year, the bureau " \
	"said on Tuesday."

#define TX_CHEN1	"Chen Jining, secretary of the CPC Shanghai " \
	"Municipal Committee, led a party and government delegation to " \
	"Kashgar on Monday to inspect the projects that Shanghai funds in " \
	"Xinjiang"
#define TX_CHEN2	" and met local officials to discuss jobs for young " \
	"graduates."

#define TX_RAIN1	"Torrential rain flooded streets in Guangzhou and " \
	"Shenzhen on Sunday, stranding commuters and suspending metro " \
	"services. Forecasters issued a red alert for the Pearl River Delta "
#define TX_RAIN2	"and warned that more storms would follow through " \
	"the middle of the week."

#define TX_VOTE1	"Voters in several states elected a record number of " \
	"women, immigrants and openly transgender candidates on Tuesday, " \
	"in what party officials called a night of firsts for the "
#define TX_VOTE2	"Democratic party. Turnout was the highest for an " \
	"off-year election in two decades."

#define TX_NEWS1	"Good morning. Here is what you need to know today: " \
	"the central bank left interest rates unchanged, a heatwave is " \
	"expected across the south, and the city council votes on the "
#define TX_NEWS2	"Good morning. Here is what you need to know today: " \
	"talks on the port strike resumed overnight, the stock market " \
	"closed at a record high, and the marathon closes several roads "

#define TX_ZH1	"记者从上海市地方金融监督管理局获悉，《上海市浦东新区促进融资" \
	"租赁发展若干规定》将于十月一日起施行，支持融资租赁公司设立项目公司，" \
	"简化飞机和船舶租赁海关手续"
#define TX_ZH2	"，并允许以人民币进行跨境结算。"

#define TX_BOILER	"Your morning roundup of the stories you need to " \
	"know, from politics and business to culture and sport, delivered " \
	"before breakfast every weekday."

static const struct fp_pair fp_pos[] = {
	{ "re-cased", "Apple Is Ready to Ditch the Mac", NULL,
	    "Apple is ready to ditch the Mac", NULL, NULL },
	{ "re-punctuated", "Shanghai opens new metro line to Pudong airport",
	    NULL, "Shanghai Opens New Metro Line to Pudong Airport!", NULL,
	    NULL },
	{ "quotes", "Mayor calls new budget 'a bold step' for the city", NULL,
	    "Mayor calls new budget \xe2\x80\x9c" "a bold step\xe2\x80\x9d "
	    "for the city", NULL, NULL },
	{ "word replaced", "Heavy rain floods streets in southern China",
	    NULL, "Heavy rain floods streets across southern China", NULL,
	    "rain" },
	{ "words added, text", "Heavy rain floods streets in southern China",
	    TX_RAIN1 TX_RAIN2, "Heavy rain floods streets in southern China, "
	    "strands commuters", TX_RAIN1 "...", "rain" },
	{ "British spelling", "Council to organise colour festival in city "
	    "centre", NULL, "Council to organize color festival in city "
	    "center", NULL, NULL },
	{ "British spelling 2", "Government defends programme to modernise "
	    "rail network", NULL, "Government defends program to modernize "
	    "rail network", NULL, NULL },
	{ "site suffix", "Cable companies are showing fewer ads to fight "
	    "Netflix - The Verge", NULL, "Cable companies are showing fewer "
	    "ads to fight Netflix", NULL, NULL },
	{ "tag list", "Several provisions on financial leasing in Pudong "
	    "take effect | Policy | Finance", NULL, "Several provisions on "
	    "financial leasing in Pudong take effect", NULL, "lease" },
	{ "two site suffixes", "Bill Cosby wins defamation case against "
	    "former accuser | Reuters", NULL, "Bill Cosby wins defamation "
	    "case against former accuser - AP News", NULL, NULL },
	{ "summary truncated", "Shanghai financial leasing rules take effect "
	    "in October", TX_LEASE1 TX_LEASE2 TX_LEASE3,
	    "Shanghai financial leasing rules take effect in October",
	    TX_LEASE1 "...", "lease" },
	{ "truncated at two lengths", "Shanghai financial leasing rules "
	    "take effect in October", TX_LEASE1 "\xe2\x80\xa6",
	    "Shanghai Financial Leasing Rules Take Effect in October",
	    TX_LEASE1 TX_LEASE2 "...", "lease" },
	{ "text re-wrapped", "Medical insurance funds: 600 million yuan "
	    "recovered", TX_FUND1 TX_FUND2, "Medical insurance funds - 600 "
	    "million yuan recovered", "Over the past five years,\n  nearly "
	    "600 million yuan of life-saving money\nhas been recovered by "
	    "the city's medical insurance\nregulators, who combine big data "
	    "screening with\r\nunannounced inspections of hospitals and "
	    "pharmacies.\n\nFraud cases fell by a third last year, the "
	    "bureau said on Tuesday.", "fund" },
	{ "sentence added", "A night of firsts: range of diverse Dems "
	    "elected to office", TX_VOTE1 TX_VOTE2, "A Night Of Firsts: Range "
	    "Of Diverse Dems Elected To Public Office", TX_VOTE1 TX_VOTE2
	    " Results in two races are still being counted.", "vote" },
	{ "dateline added", "Medical insurance fraud cases fall by a third",
	    TX_FUND1 TX_FUND2, "Medical insurance fraud cases fall by a "
	    "third", "SHANGHAI, April 15 (Xinhua) -- " TX_FUND1 TX_FUND2,
	    "fund" },
	{ "Chinese punctuation", "上海发布促进浦东新区融资租赁发展若干规定",
	    NULL, "上海：发布《促进浦东新区融资租赁发展若干规定》", NULL,
	    "lease" },
	{ "Chinese space for colon", "国务院常务会议：部署加快发展现代服务业",
	    NULL, "国务院常务会议 部署加快发展现代服务业", NULL, NULL },
	{ "Chinese text truncated", "浦东融资租赁新规十月起施行", TX_ZH1 TX_ZH2,
	    "浦东融资租赁新规 十月起施行", TX_ZH1 "……", "lease" },
	{ "Japanese comma", "東京都、新型ウイルス対策で緊急会議を開催", NULL,
	    "東京都 新型ウイルス対策で緊急会議を開催", NULL, NULL },
	{ "Korean comma", "서울시, 대중교통 요금 인상 발표 내년부터 적용",
	    NULL, "서울시 대중교통 요금 인상 발표…내년부터 적용", NULL, NULL },
	{ "em dash and hyphen", "Tesla recalls 2 million cars \xe2\x80\x94 "
	    "regulators cite Autopilot risk", NULL, "Tesla recalls 2 million "
	    "cars - regulators cite Autopilot risk", NULL, NULL },
	{ "thousands separator", "City to plant 10,000 trees along the "
	    "Huangpu river", NULL, "City to plant 10000 trees along the "
	    "Huangpu River", NULL, NULL },
	{ "accents dropped", "Café owners protest new rules in Montréal",
	    NULL, "Cafe owners protest new rules in Montreal", NULL, NULL },
	{ "words reordered", "Astronauts' dirty laundry: how the ISS deals "
	    "with it", NULL, "How the ISS deals with astronauts' dirty "
	    "laundry", NULL, NULL },
	{ "German dash", "Digitalministerium: Neue Glasfaserförderung mit "
	    "Schnellkasse", NULL, "Digitalministerium \xe2\x80\x93 neue "
	    "Glasfaserförderung mit Schnellkasse", NULL, NULL },
	{ "Italian elision", "Arrestato in Pakistan Shabbar Abbas. In Italia "
	    "è accusato per l'omicidio di Saman", NULL, "Arrestato in "
	    "Pakistan Shabbar Abbas: in Italia è accusato dell'omicidio di "
	    "Saman", NULL, NULL },
	{ "fullwidth forms", "ＡＰＥＣ　ministers meet in Lima：trade tops "
	    "agenda", NULL, "APEC ministers meet in Lima: trade tops agenda",
	    NULL, NULL },
	{ "prefix added, text", "Chen Jining leads delegation to Kashgar",
	    TX_CHEN1 "...", "Exclusive: Chen Jining leads delegation to "
	    "Kashgar, Xinjiang", TX_CHEN1 TX_CHEN2, NULL },
	{ "possessive, hyphen", "Apple iPhone X kicks off face-recognition "
	    "mania", NULL, "Apple's iPhone X Kicks Off Face Recognition Mania",
	    NULL, NULL },
	{ "one side has text", "Voters elect record number of women and "
	    "immigrants", TX_VOTE1 TX_VOTE2, "Voters Elect Record Number of "
	    "Women and Immigrants", NULL, "vote" },
	{ "headline reworded, same text", "Heavy rain floods streets in "
	    "Guangzhou and Shenzhen", TX_RAIN1 TX_RAIN2, "Heavy rain floods "
	    "Guangzhou and Shenzhen streets, strands commuters",
	    TX_RAIN1 TX_RAIN2, "rain" },
};

static const struct fp_pair fp_neg[] = {
	{ "briefing dates", "Daily briefing: April 15", NULL,
	    "Daily briefing: April 16", NULL, NULL },
	{ "briefing dates, same boilerplate", "Daily briefing: April 15",
	    TX_BOILER, "Daily briefing: April 16", TX_BOILER, NULL },
	{ "briefing, long title", "Daily briefing for Shanghai readers: "
	    "Monday, April 15", NULL, "Daily briefing for Shanghai readers: "
	    "Tuesday, April 16", NULL, NULL },
	{ "weather days", "Weather for Monday", NULL,
	    "Weather for Tuesday", NULL, NULL },
	{ "weather days, texts", "Weather for Monday", "Sunny with a high "
	    "of 24 degrees and a low of 15 degrees, light winds from the "
	    "east.", "Weather for Tuesday", "Cloudy with a high of 22 "
	    "degrees and a low of 16 degrees, light winds from the north.",
	    NULL },
	{ "weather, same title", "Weather for Monday", "Sunny with a high of "
	    "24 degrees and a low of 15 degrees, light winds from the east.",
	    "Weather for Monday", "Rain in the morning, clearing by the "
	    "afternoon; highs near 18 degrees and a breezy evening.", NULL },
	{ "weather, long title", "Weather forecast for Shanghai on Monday",
	    NULL, "Weather forecast for Shanghai on Tuesday", NULL, NULL },
	{ "bridge follow-up", "Bridge closed for repairs", NULL,
	    "Bridge reopens after repairs", NULL, NULL },
	{ "bridge follow-up, long", "Main Street bridge closed for repairs "
	    "until June", NULL, "Main Street bridge reopens after repairs",
	    NULL, NULL },
	{ "bridge follow-up, texts", "Bridge closed for repairs", "The Main "
	    "Street bridge will be closed to traffic from Monday while crews "
	    "replace its deck; buses will be diverted over the Oak Avenue "
	    "crossing.", "Bridge reopens after repairs", "The Main Street "
	    "bridge reopened to traffic on Friday, two weeks ahead of "
	    "schedule, after crews finished replacing its deck.", NULL },
	{ "metro, same topic", "Shanghai opens new metro line to Pudong "
	    "airport", NULL, "Shanghai extends metro line 14 to Pudong "
	    "airport", NULL, NULL },
	{ "iPhone and iPad", "Apple unveils new iPhone with faster chip",
	    "The new phone has a faster processor, a brighter screen and a "
	    "camera that works better in low light, and goes on sale next "
	    "Friday.", "Apple unveils new iPad with faster chip", "The "
	    "tablet gets the laptop chip, a keyboard case and support for the "
	    "stylus; prices start at 599 dollars in the United States.", NULL },
	{ "update", "Update", "Police have reopened the motorway after the "
	    "crash this morning; drivers should still expect delays of about "
	    "twenty minutes.", "Update", "The council meeting has been moved "
	    "to Thursday evening because of the public holiday, the mayor's "
	    "office said.", NULL },
	{ "live, no text", "Live", NULL, "Live", NULL, NULL },
	{ "live, same short text", "Live", "Follow our coverage",
	    "Live", "Follow our coverage", NULL },
	{ "template, texts differ", "Here's what you need to know today",
	    TX_NEWS1 "budget.", "Here's what you need to know today",
	    TX_NEWS2 "on Sunday.", NULL },
	{ "Chinese dates", "今日天气预报：4月15日", NULL,
	    "今日天气预报：4月16日", NULL, NULL },
	{ "Chinese quarters", "第一季度上海经济数据发布", NULL,
	    "第二季度上海经济数据发布", NULL, NULL },
	{ "episode numbers", "Giant Bomb @ Nite - Live From E3 2019: Nite 3",
	    NULL, "Giant Bomb @ Nite - Live From E3 2019: Nite 4", NULL, NULL },
	{ "arrest and release", "Police arrest suspect in downtown shooting",
	    NULL, "Police release suspect in downtown shooting", NULL, NULL },
	{ "same topic, texts", "Shanghai issues new rules on medical "
	    "insurance funds", "The rules require hospitals to report every "
	    "claim above 50,000 yuan to the bureau within three days and ban "
	    "cash refunds.", "Shanghai recovers 600 million yuan of medical "
	    "insurance funds", TX_FUND1 TX_FUND2, NULL },
	{ "scores", "Lakers beat Celtics 110-102", NULL,
	    "Lakers beat Celtics 98-95", NULL, NULL },
	{ "series parts", "Part 1: The history of the internet in China",
	    NULL, "Part 2: The history of the internet in China", NULL, NULL },
	{ "podcast template", "Die mit Clueso und der Chicago-Inception", NULL,
	    "Die mit Kool Savas und Schafen am Ballermann", NULL, NULL },
	{ "open thread", "Open thread", NULL, "Open thread", NULL, NULL },
	{ "Japanese template", "東京都 今日の天気 5月1日", NULL,
	    "東京都 今日の天気 5月2日", NULL, NULL },
	{ "unrelated", "Bill Cosby wins defamation case against former "
	    "accuser", NULL, "Shanghai opens new metro line to Pudong airport",
	    NULL, NULL },
};

/*
 * Known limits, printed with their verdicts rather than asserted: one
 * content word changed or dropped in a title with no text to tell them
 * apart (SimHash cannot tell "rise" for "fall" from a dropped adjective),
 * and a headline rewritten by another desk, or over another summary.
 */
static const struct fp_pair fp_lim[] = {
	{ "different (one verb)", "Stocks rise as inflation cools in March",
	    NULL, "Stocks fall as inflation cools in March", NULL, NULL },
	{ "different (one noun)", "Apple unveils new iPhone with faster chip",
	    NULL, "Apple unveils new iPad with faster chip", NULL, NULL },
	{ "same (word dropped)", "CBO: 13 million more uninsured by 2027 "
	    "if individual mandate repealed", NULL, "CBO: 13 Million More "
	    "Uninsured by 2027 if Mandate Is Repealed", NULL, NULL },
	{ "same (rewritten)", "Rain floods Guangzhou and Shenzhen streets",
	    TX_RAIN1 TX_RAIN2, "Floods in Guangzhou, Shenzhen strand "
	    "commuters", TX_RAIN1 TX_RAIN2, NULL },
	{ "same (other summary)", "Character actor Abe Vigoda dies at 94",
	    "Abe Vigoda, who played Tessio in The Godfather and Detective "
	    "Fish on Barney Miller, has died at his home in New Jersey.",
	    "Character actor Abe Vigoda dies at 94", "The actor, long the "
	    "subject of premature obituaries, died in his sleep on Tuesday "
	    "morning, his daughter said in a statement.", NULL },
};

#define NPOS	(sizeof(fp_pos) / sizeof(fp_pos[0]))
#define NLIM	(sizeof(fp_lim) / sizeof(fp_lim[0]))
#define NNEG	(sizeof(fp_neg) / sizeof(fp_neg[0]))

/* Fingerprint both sides of p. */
static void
fp_pair_make(const struct fp_pair *p, struct fingerprint *a,
    struct fingerprint *b)
{
	fingerprint_make(p->ta, p->xa, a);
	fingerprint_make(p->tb, p->xb, b);
}

/* Run pairs, each expected to be judged want; fail naming every miss. */
static void
fp_run(const struct fp_pair *p, size_t n, int want)
{
	struct fingerprint a, b;
	size_t i;
	int bad = 0;

	for (i = 0; i < n; i++) {
		fp_pair_make(&p[i], &a, &b);
		if (fingerprint_same(&a, &b) != want ||
		    fingerprint_same(&b, &a) != want) {
			print_message("%s: \"%s\" / \"%s\": title %d bits "
			    "(%u/%u words), text %d bits (%u/%u words)\n",
			    p[i].what, p[i].ta, p[i].tb,
			    fingerprint_distance(a.title, b.title),
			    a.title_words, b.title_words,
			    fingerprint_distance(a.text, b.text),
			    a.text_words, b.text_words);
			bad++;
		}
	}
	if (bad > 0)
		fail_msg("%d of %zu pairs judged %s", bad, n,
		    want ? "different" : "the same");
}

static void
t_positive(void **state)
{
	(void)state;
	assert_true(NPOS >= 25);
	fp_run(fp_pos, NPOS, 1);
}

static void
t_negative(void **state)
{
	(void)state;
	assert_true(NNEG >= 25);
	fp_run(fp_neg, NNEG, 0);
}

/* Print the known limits with their distances and verdicts. */
static void
fp_limits(void)
{
	struct fingerprint a, b;
	size_t i;

	for (i = 0; i < NLIM; i++) {
		fp_pair_make(&fp_lim[i], &a, &b);
		print_message("known limit, %s: title %d, text %d: judged %s\n",
		    fp_lim[i].what, fingerprint_distance(a.title, b.title),
		    fingerprint_distance(a.text, b.text),
		    fingerprint_same(&a, &b) ? "the same" : "different");
	}
}

/* Distances of one kind of pair, sorted for printing. */
struct fp_dist {
	int	d[64];
	size_t	n;
};

static int
fp_int_cb(const void *a, const void *b)
{
	/* qsort comparator over ints */
	return *(const int *)a - *(const int *)b;
}

static void
fp_dist_add(struct fp_dist *ds, int d)
{
	if (ds->n < sizeof(ds->d) / sizeof(ds->d[0]))
		ds->d[ds->n++] = d;
}

static void
fp_dist_print(const char *what, struct fp_dist *ds)
{
	char line[512];
	size_t i, k = 0;

	qsort(ds->d, ds->n, sizeof(ds->d[0]), fp_int_cb);
	line[0] = '\0';
	for (i = 0; i < ds->n && k < sizeof(line) - 8; i++)
		k += (size_t)snprintf(line + k, sizeof(line) - k, " %d",
		    ds->d[i]);
	print_message("%-34s (%2zu):%s\n", what, ds->n, line);
}

/* The distances behind the thresholds: title-alone pairs (one side
 * without text, both titles long enough), and pairs with both texts. */
static void
fp_collect(const struct fp_pair *p, size_t n, struct fp_dist *alone,
    struct fp_dist *title, struct fp_dist *text)
{
	struct fingerprint a, b;
	size_t i;

	for (i = 0; i < n; i++) {
		fp_pair_make(&p[i], &a, &b);
		if (a.text_words >= FINGERPRINT_MIN_WORDS &&
		    b.text_words >= FINGERPRINT_MIN_WORDS) {
			fp_dist_add(title, fingerprint_distance(a.title,
			    b.title));
			fp_dist_add(text, fingerprint_distance(a.text,
			    b.text));
		} else if (a.title_words >= FINGERPRINT_TITLE_WORDS &&
		    b.title_words >= FINGERPRINT_TITLE_WORDS)
			fp_dist_add(alone, fingerprint_distance(a.title,
			    b.title));
	}
}

static void
t_distribution(void **state)
{
	struct fp_dist pa, pt, px, na, nt, nx;

	(void)state;
	memset(&pa, 0, sizeof(pa));
	memset(&pt, 0, sizeof(pt));
	memset(&px, 0, sizeof(px));
	memset(&na, 0, sizeof(na));
	memset(&nt, 0, sizeof(nt));
	memset(&nx, 0, sizeof(nx));
	fp_collect(fp_pos, NPOS, &pa, &pt, &px);
	fp_collect(fp_neg, NNEG, &na, &nt, &nx);
	print_message("thresholds: title alone <= %d (>= %d words), with "
	    "text title <= %d and text <= %d\n", FINGERPRINT_TITLE_ALONE,
	    FINGERPRINT_TITLE_WORDS, FINGERPRINT_TITLE_TEXT, FINGERPRINT_TEXT);
	fp_dist_print("positive, title alone: title", &pa);
	fp_dist_print("negative, title alone: title", &na);
	fp_dist_print("positive, with text: title", &pt);
	fp_dist_print("negative, with text: title", &nt);
	fp_dist_print("positive, with text: text", &px);
	fp_dist_print("negative, with text: text", &nx);
	/* Both kinds are present, and the title-alone ones are split by a
	 * gap around the threshold. */
	assert_true(pa.n >= 10 && na.n >= 8 && px.n >= 8 && nx.n >= 5);
	assert_true(pa.d[pa.n - 1] <= FINGERPRINT_TITLE_ALONE);
	assert_true(na.d[0] > FINGERPRINT_TITLE_ALONE);
	assert_true(px.d[px.n - 1] <= FINGERPRINT_TEXT);
	assert_true(pt.d[pt.n - 1] <= FINGERPRINT_TITLE_TEXT);
	fp_limits();
}

/* Sides of positive pairs about different stories: never one story;
 * their title distances show where chance lies. */
static void
t_cross(void **state)
{
	struct fingerprint f[2 * NPOS];
	int *d, same = 0;
	size_t i, j, n = 0;

	(void)state;
	for (i = 0; i < NPOS; i++)
		fp_pair_make(&fp_pos[i], &f[2 * i], &f[2 * i + 1]);
	d = calloc(2 * NPOS * NPOS, sizeof(*d));
	assert_non_null(d);
	for (i = 0; i < 2 * NPOS; i++)
		for (j = i + 1; j < 2 * NPOS; j++) {
			if (i / 2 == j / 2 || (fp_pos[i / 2].story != NULL &&
			    fp_pos[j / 2].story != NULL &&
			    strcmp(fp_pos[i / 2].story,
			    fp_pos[j / 2].story) == 0))
				continue;
			if (fingerprint_same(&f[i], &f[j])) {
				print_message("\"%s\" / \"%s\" judged the "
				    "same\n", i % 2 ? fp_pos[i / 2].tb :
				    fp_pos[i / 2].ta, j % 2 ? fp_pos[j / 2].tb :
				    fp_pos[j / 2].ta);
				same++;
			}
			d[n++] = fingerprint_distance(f[i].title, f[j].title);
		}
	qsort(d, n, sizeof(*d), fp_int_cb);
	print_message("unrelated titles (%zu pairs): min %d, 1%% %d, 5%% %d, "
	    "median %d, max %d\n", n, d[0], d[n / 100], d[n / 20], d[n / 2],
	    d[n - 1]);
	assert_true(n > 1000);
	assert_true(d[n / 100] > FINGERPRINT_TITLE_TEXT);
	free(d);
	assert_int_equal(same, 0);
}

/* Titles that normalize alike (want 0) or apart (want 1). */
struct fp_norm {
	const char	*a, *b;
	int		 apart;
};

static const struct fp_norm fp_norms[] = {
	{ "Apple Is Ready to Ditch the Mac", "apple is ready to ditch "
	    "the mac!!!", 0 },
	{ "\xef\xbc\xa1\xef\xbc\xb0\xef\xbc\xa5\xef\xbc\xa3\xe3\x80\x80"
	    "ministers \xef\xbc\x91\xef\xbc\x92", "APEC ministers 12", 0 },
	{ "Café à Montréal", "CAFE A MONTREAL", 0 },
	{ "Cafe\xcc\x81 owners", "Café owners", 0 },
	{ "Straße ÆON Œuvre", "strasse aeon oeuvre", 0 },
	{ "ПРИВЕТ мир Ελλάδα", "привет МИР ελλάδα", 0 },
	{ "organise colour centre catalogue travelled defence analysed",
	    "organize color center catalog traveled defense analyzed", 0 },
	{ "centres catalogues organisations favourites",
	    "centers catalogs organizations favorites", 0 },
	{ "10,000 trees, 3.5 km", "10000 trees 3.5 km", 0 },
	{ "\xef\xbc\x91\xef\xbc\x90\xef\xbc\x8c\xef\xbc\x90\xef\xbc\x90"
	    "\xef\xbc\x90 trees", "10000 trees", 0 },
	{ "1,000, 2", "1000 2", 0 },
	{ "Two dead, three hurt in crash", "2 dead, 3 hurt in crash", 0 },
	{ "Storm hits coast on Monday, 4 May", "Storm hits coast on Monday, "
	    "4 May 4", 1 },
	{ "上海：发布《规定》", "上海发布规定", 0 },
	{ "Apple isn\xe2\x80\x99t worried", "Apple isn't worried", 0 },
	{ "co\xc2\xad" "operation in the news\xe2\x80\x8broom",
	    "cooperation in the newsroom", 0 },
	{ "\xe2\x80\x9cQuoted\xe2\x80\x9d \xc2\xabtitle\xc2\xbb \xe2\x98\x85 "
	    "\xf0\x9f\x94\xa5", "quoted title", 0 },
	{ "Daily briefing: April 15", "Daily briefing: April 16", 1 },
	{ "Weather for Monday", "Weather for Tuesday", 1 },
	{ "上海发布", "上游发布", 1 },
	{ "color", "colour festival", 1 },
	/* table words and words that just miss them */
	{ "grey tyres ten", "gray tires 10", 0 },
	{ "greys", "grays", 1 },
	{ "tens", "10s", 1 },
	{ "thee storm", "the storm", 1 },
	{ "rumour rise", "rumor rise", 0 },
	{ "rise", "rize", 1 },
	{ "colours, centres", "colors centers", 0 },
	/* fullwidth forms and ASCII read alike */
	{ "\xef\xbc\xa1\xef\xbd\x90\xef\xbd\x92\xef\xbd\x89\xef\xbd\x8c 2",
	    "april 2", 0 },
	{ "1\xef\xbc\x8c" "000 trees", "1000 trees", 0 },
	{ "1,\xef\xbc\x90\xef\xbc\x90\xef\xbc\x90 trees", "1000 trees", 0 },
};

static void
t_normalize(void **state)
{
	struct fingerprint a, b;
	size_t i;
	int d;

	(void)state;
	for (i = 0; i < sizeof(fp_norms) / sizeof(fp_norms[0]); i++) {
		fingerprint_make(fp_norms[i].a, NULL, &a);
		fingerprint_make(fp_norms[i].b, NULL, &b);
		d = fingerprint_distance(a.title, b.title);
		if ((d != 0) != fp_norms[i].apart ||
		    (!fp_norms[i].apart && a.title_words != b.title_words))
			fail_msg("\"%s\" / \"%s\": %d bits, %u/%u words",
			    fp_norms[i].a, fp_norms[i].b, d, a.title_words,
			    b.title_words);
	}
}

static void
t_counts(void **state)
{
	struct fingerprint fp;

	(void)state;
	memset(&fp, 0xa5, sizeof(fp));
	fingerprint_make(NULL, NULL, &fp);
	assert_true(fp.title == 0 && fp.text == 0);
	assert_true(fp.title_words == 0 && fp.text_words == 0);
	fingerprint_make("", "", &fp);
	assert_true(fp.title == 0 && fp.title_words == 0 && fp.text == 0);
	fingerprint_make(" !!! --- ??? | ", "... \xe2\x80\xa6", &fp);
	assert_true(fp.title == 0 && fp.title_words == 0);
	assert_int_equal(fp.text_words, 0);
	fingerprint_make("Apple is ready to ditch the Mac", NULL, &fp);
	assert_int_equal(fp.title_words, 7);
	assert_true(fp.title != 0);
	/* six CJK characters are about three words */
	fingerprint_make("上海发布新规", NULL, &fp);
	assert_int_equal(fp.title_words, 3);
	/* a short tail is a site name or tags, not words of the title */
	fingerprint_make("Provisions on leasing take effect | Policy | "
	    "Finance", NULL, &fp);
	assert_int_equal(fp.title_words, 5);
	/* but not after a headline too short to have one */
	fingerprint_make("Update - BBC News", NULL, &fp);
	assert_int_equal(fp.title_words, 3);
	fingerprint_make(NULL, "one two three four five six seven eight "
	    "nine ten eleven", &fp);
	assert_int_equal(fp.text_words, 11);
	assert_true(fp.text == 0);
	fingerprint_make(NULL, "one two three four five six seven eight "
	    "nine ten eleven twelve", &fp);
	assert_int_equal(fp.text_words, FINGERPRINT_MIN_WORDS);
	assert_true(fp.text != 0);
}

static void
t_distance(void **state)
{
	(void)state;
	assert_int_equal(fingerprint_distance(0, 0), 0);
	assert_int_equal(fingerprint_distance(0, ~(uint64_t)0), 64);
	assert_int_equal(fingerprint_distance(1, 3), 1);
	assert_int_equal(fingerprint_distance(0x8000000000000001ULL, 0), 2);
}

/* A new string of count copies of word; the caller frees it. */
static char *
fp_repeat(const char *word, size_t count)
{
	size_t k = strlen(word), i;
	char *s;

	s = malloc(k * count + 1);
	assert_non_null(s);
	for (i = 0; i < count; i++)
		memcpy(s + i * k, word, k);
	s[k * count] = '\0';
	return s;
}

/* Fingerprints as FINGERPRINT_VERSION 1 stores them. */
struct fp_stable {
	const char	*title, *text;
	uint64_t	 title_hash, text_hash;
	uint32_t	 title_words, text_words;
};

static const struct fp_stable fp_stables[] = {
	{ "Apple is ready to ditch the Mac", "Apple is ready to ditch the "
	    "Mac for its own chips, people familiar with the plans said on "
	    "Tuesday, 4 May 2021.",
	    0xbe9e48994eb1beb0ULL, 0x98ef61fd46500e66ULL, 7, 22 },
	/* words that just miss the tables and the British endings */
	{ "Thee aprils ago: sept and septs, ten tens", "thee thy aprils "
	    "septembers mondays tens twos tyr tyrex fives grays colours "
	    "rumour rise arise wise centre metre litre ogre dialogue",
	    0xdf98baf5f4241e9eULL, 0x6c7b12c964a9894fULL, 8, 21 },
	{ "Defence programme: aeroplanes, tyres, grey mould", "The "
	    "organisation analysed the travelling cancellers' favourite "
	    "colourful catalogues, 1,000.5 km and \xef\xbc\x91\xef\xbc\x92 "
	    "items.",
	    0xb00a4065c491b7c6ULL, 0x4c8f0f0b13eefcd2ULL, 6, 14 },
	{ "\xe4\xb8\x8a\xe6\xb5\xb7\xef\xbc\x9a\xe5\x8f\x91\xe5\xb8\x83"
	    "\xe3\x80\x8a\xe8\xa7\x84\xe5\xae\x9a\xe3\x80\x8b | Policy - News",
	    "Caf\xc3\xa9 \xc3\x86ON Stra\xc3\x9f" "e \xd0\x9f\xd0\xa0\xd0\x98"
	    "\xd0\x92\xd0\x95\xd0\xa2 \xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4"
	    "\xce\xb1 co\xc2\xad" "operation \xe4\xb8\x83\xe5\x8d\x81 "
	    "one of the the of a",
	    0x04ea9cec1dc00facULL, 0xca1dc89aa1f72370ULL, 3, 14 },
};

/*
 * Stored fingerprints must keep matching: these were computed when
 * FINGERPRINT_VERSION 1 was set, so a change to the tokenizer, the tables
 * or the hashing that moves one of them needs a new version.
 */
static void
t_stable(void **state)
{
	const struct fp_stable *t;
	struct fingerprint fp;
	char *big;
	size_t i;

	(void)state;
	assert_int_equal(FINGERPRINT_VERSION, 1);
	for (i = 0; i < sizeof(fp_stables) / sizeof(fp_stables[0]); i++) {
		t = &fp_stables[i];
		fingerprint_make(t->title, t->text, &fp);
		if (fp.title != t->title_hash || fp.text != t->text_hash ||
		    fp.title_words != t->title_words ||
		    fp.text_words != t->text_words)
			fail_msg("case %zu: %#llx %#llx %u %u", i,
			    (unsigned long long)fp.title,
			    (unsigned long long)fp.text, fp.title_words,
			    fp.text_words);
	}
	/* past FINGERPRINT_TEXT_MAX words, which are only counted */
	big = fp_repeat("Colour 1,000.5 the Thee, \xe4\xb8\x8a\xe6\xb5\xb7 | "
	    "grey aprils - organised ", 300);
	fingerprint_make(big, big, &fp);
	free(big);
	assert_true(fp.title == 0xa20bf225e2afbb13ULL);
	assert_true(fp.text == 0x459baae1a1786f5bULL);
	assert_int_equal(fp.title_words, 2394);
	assert_int_equal(fp.text_words, 2700);
}

static void
t_hostile(void **state)
{
	struct fingerprint a, b;
	char *big, *cut, *cjk;
	size_t i, n;

	(void)state;
	/* invalid, overlong, surrogate and truncated sequences separate */
	fingerprint_make("\xff\xfe" "abc \xc0\xaf" "def\xed\xa0\x80" "ghi"
	    "\xe4\xb8", "x\xf4\x90\x80\x80y\xe4", &a);
	fingerprint_make("abc def ghi", "x y", &b);
	assert_int_equal(a.title, b.title);
	assert_int_equal(a.text_words, 2);
	/* a word longer than FINGERPRINT_TOKEN_MAX is cut, not overrun */
	big = fp_repeat("a", 10000);
	cut = fp_repeat("a", FINGERPRINT_TOKEN_MAX);
	fingerprint_make(big, big, &a);
	fingerprint_make(cut, cut, &b);
	assert_int_equal(a.title, b.title);
	assert_int_equal(a.title_words, 1);
	free(big);
	free(cut);
	/* a long text counts every word but hashes its first part only */
	big = fp_repeat("lorem ipsum dolor sit amet ", 4000);
	cut = fp_repeat("lorem ipsum dolor sit amet ",
	    FINGERPRINT_TEXT_MAX / 5);
	fingerprint_make(big, big, &a);
	fingerprint_make(cut, cut, &b);
	assert_int_equal(a.text_words, 20000);
	assert_int_equal(a.text, b.text);
	assert_int_equal(a.title, b.title);
	free(big);
	free(cut);
	/* many segments and many CJK characters stay within the tables */
	big = fp_repeat(" | tag", 500);
	cjk = fp_repeat("上海", 5000);
	fingerprint_make(big, cjk, &a);
	fingerprint_make(cjk, big, &b);
	assert_true(a.title_words > 0 && b.title_words > 0);
	assert_int_equal(b.text_words, 500);
	free(big);
	free(cjk);
	/* fingerprints are deterministic */
	n = sizeof(fp_pos) / sizeof(fp_pos[0]);
	for (i = 0; i < n; i++) {
		fingerprint_make(fp_pos[i].ta, fp_pos[i].xa, &a);
		fingerprint_make(fp_pos[i].ta, fp_pos[i].xa, &b);
		assert_memory_equal(&a, &b, sizeof(a));
		assert_true(fingerprint_same(&a, &b) ||
		    a.title_words < FINGERPRINT_TITLE_WORDS);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_positive),
		cmocka_unit_test(t_negative),
		cmocka_unit_test(t_distribution),
		cmocka_unit_test(t_cross),
		cmocka_unit_test(t_normalize),
		cmocka_unit_test(t_counts),
		cmocka_unit_test(t_stable),
		cmocka_unit_test(t_distance),
		cmocka_unit_test(t_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
