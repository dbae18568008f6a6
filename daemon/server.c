/* daemon/server: not written yet */
typedef int server_placeholder;
