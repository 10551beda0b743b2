#include <stdio.h>
#include <laycoach.h>

int main(void) {
  lc_programme *p = NULL;
  if (lc_programme_new(&p) != LC_OK) return 1;
  printf("laycoach C %s\n", lc_version());
  lc_programme_free(p);
  return lc_version_number() == LAYCOACH_VERSION_NUMBER ? 0 : 1;
}
