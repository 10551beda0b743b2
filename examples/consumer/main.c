/* A tiny C consumer: checks the version it compiled against is the one it runs, and opens a
 * SQLite store (so a static link must carry sqlite3, libcrypto and the C++ runtime).
 * Usage: consumer_c <store file>. */
#include <stdio.h>
#include <laycoach.h>

int main(int argc, char **argv) {
  lc_programme *p = NULL;
  char *doc = NULL;
  if (lc_programme_new(&p) != LC_OK) return 1;
  lc_programme_free(p);
  p = NULL;
  if (argc > 1) {
    if (lc_programme_open(argv[1], &p) != LC_OK) {
      fprintf(stderr, "open %s: %s\n", argv[1], lc_last_error());
      return 2;
    }
    if (lc_programme_to_json(p, &doc) != LC_OK) return 3;
    lc_string_free(doc);
    lc_programme_free(p);
  }
  printf("laycoach C %s\n", lc_version());
  return lc_version_number() == LAYCOACH_VERSION_NUMBER ? 0 : 4;
}
