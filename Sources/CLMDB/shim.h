#ifndef PAGERLOG_CLMDB_SHIM_H
#define PAGERLOG_CLMDB_SHIM_H
// The system library target over Debian's liblmdb-dev: the whole C API of LMDB, nothing added.
#include <lmdb.h>
#endif
