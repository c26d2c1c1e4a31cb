/*
 * The physical limit of the log's design on this disk: raw LMDB, no Swift, no envelope, no indexes.
 *
 *   lmdb-baseline append DIR COUNT VALUE_BYTES BATCH   durable appends, MDB_APPEND, BATCH puts per commit
 *   lmdb-baseline commit DIR COUNT VALUE_BYTES         one put per durable commit; latency percentiles
 *   lmdb-baseline scan DIR TABLE [PASSES]              cursor walk of a named table, copying each value out
 *                                                      (PASSES timed passes, 5 by default, after one that pages
 *                                                      the map in; the median is printed)
 *
 * Prints `BASELINE <name> <value>` lines, which `pagerlog-bench` reads.
 */
#include <lmdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK(call)                                                              \
    do {                                                                         \
        int rc_ = (call);                                                        \
        if (rc_ != MDB_SUCCESS) {                                                \
            fprintf(stderr, "%s: %s\n", #call, mdb_strerror(rc_));               \
            exit(1);                                                             \
        }                                                                        \
    } while (0)

static double seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static MDB_env *open_environment(const char *directory, unsigned flags) {
    MDB_env *environment;
    CHECK(mdb_env_create(&environment));
    CHECK(mdb_env_set_maxdbs(environment, 16));
    CHECK(mdb_env_set_mapsize(environment, (size_t)64 << 30));
    CHECK(mdb_env_open(environment, directory, flags | MDB_NOTLS, 0644));
    return environment;
}

static MDB_dbi open_table(MDB_env *environment, const char *name, unsigned flags) {
    MDB_txn *transaction;
    MDB_dbi table;
    CHECK(mdb_txn_begin(environment, NULL, flags & MDB_CREATE ? 0 : MDB_RDONLY, &transaction));
    CHECK(mdb_dbi_open(transaction, name, flags, &table));
    CHECK(mdb_txn_commit(transaction));
    return table;
}

static void big_endian(uint64_t value, unsigned char out[8]) {
    for (int i = 7; i >= 0; i--) {
        out[i] = (unsigned char)(value & 0xff);
        value >>= 8;
    }
}

/* Appends positions first..first+count-1, `batch` per durable transaction; returns the commit latencies. */
static double *append(MDB_env *environment, MDB_dbi table, uint64_t count, size_t value_bytes, uint64_t batch) {
    unsigned char key_bytes[8];
    unsigned char *value_bytes_buffer = malloc(value_bytes);
    double *latencies = malloc(sizeof(double) * (count / batch + 1));
    for (size_t i = 0; i < value_bytes; i++) value_bytes_buffer[i] = (unsigned char)('a' + i % 26);
    uint64_t position = 1;
    size_t commits = 0;
    while (position <= count) {
        double start = seconds();
        MDB_txn *transaction;
        CHECK(mdb_txn_begin(environment, NULL, 0, &transaction));
        for (uint64_t i = 0; i < batch && position <= count; i++, position++) {
            big_endian(position, key_bytes);
            memcpy(value_bytes_buffer, key_bytes, value_bytes < 8 ? value_bytes : 8);
            MDB_val key = {8, key_bytes};
            MDB_val value = {value_bytes, value_bytes_buffer};
            CHECK(mdb_put(transaction, table, &key, &value, MDB_APPEND));
        }
        CHECK(mdb_txn_commit(transaction));
        latencies[commits++] = seconds() - start;
    }
    free(value_bytes_buffer);
    return latencies;
}

/* Walks the whole table with a cursor, copying every value out of the map, as reading a record does. */
static void scan(MDB_env *environment, MDB_dbi table, uint64_t *count, uint64_t *checksum) {
    MDB_txn *transaction;
    MDB_cursor *cursor;
    MDB_val key, value;
    static unsigned char record[1 << 16];
    uint64_t sum = 0;
    *count = 0;
    CHECK(mdb_txn_begin(environment, NULL, MDB_RDONLY, &transaction));
    CHECK(mdb_cursor_open(transaction, table, &cursor));
    for (int rc = mdb_cursor_get(cursor, &key, &value, MDB_FIRST); rc == MDB_SUCCESS;
         rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)) {
        size_t size = value.mv_size < sizeof record ? value.mv_size : sizeof record;
        memcpy(record, value.mv_data, size);
        sum += record[0] + record[size - 1] + key.mv_size;
        (*count)++;
    }
    mdb_cursor_close(cursor);
    mdb_txn_abort(transaction);
    *checksum += sum;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc >= 6 && strcmp(argv[1], "append") == 0) {
        uint64_t count = strtoull(argv[3], NULL, 10), batch = strtoull(argv[5], NULL, 10);
        MDB_env *environment = open_environment(argv[2], 0);
        MDB_dbi table = open_table(environment, "events", MDB_CREATE);
        double start = seconds();
        free(append(environment, table, count, strtoull(argv[4], NULL, 10), batch));
        printf("BASELINE append_batch_%llu %.1f\n", (unsigned long long)batch, (double)count / (seconds() - start));
        mdb_env_close(environment);
        return 0;
    }
    if (argc >= 5 && strcmp(argv[1], "commit") == 0) {
        uint64_t count = strtoull(argv[3], NULL, 10);
        MDB_env *environment = open_environment(argv[2], 0);
        MDB_dbi table = open_table(environment, "events", MDB_CREATE);
        double *latencies = append(environment, table, count, strtoull(argv[4], NULL, 10), 1);
        qsort(latencies, count, sizeof(double), compare_doubles);
        printf("BASELINE commit_p50_ms %.4f\n", latencies[count / 2] * 1e3);
        printf("BASELINE commit_p99_ms %.4f\n", latencies[count * 99 / 100] * 1e3);
        free(latencies);
        mdb_env_close(environment);
        return 0;
    }
    if (argc >= 4 && strcmp(argv[1], "scan") == 0) {
        MDB_env *environment = open_environment(argv[2], MDB_RDONLY);
        MDB_dbi table = open_table(environment, argv[3], 0);
        uint64_t count = 0, checksum = 0;
        int passes = argc >= 5 ? atoi(argv[4]) : 5;
        if (passes < 1) passes = 1;
        double *rates = malloc(sizeof(double) * (size_t)passes);
        /* The first pass maps the file's pages into this process; the timed ones are the raw walk. */
        scan(environment, table, &count, &checksum);
        for (int pass = 0; pass < passes; pass++) {
            double start = seconds();
            scan(environment, table, &count, &checksum);
            rates[pass] = (double)count / (seconds() - start);
        }
        qsort(rates, (size_t)passes, sizeof(double), compare_doubles);
        printf("BASELINE scan %.1f\n", rates[passes / 2]);
        free(rates);
        printf("BASELINE scan_count %llu\n", (unsigned long long)count);
        fprintf(stderr, "checksum %llu\n", (unsigned long long)checksum);
        mdb_env_close(environment);
        return 0;
    }
    fprintf(stderr, "usage: lmdb-baseline append DIR COUNT VALUE_BYTES BATCH | commit DIR COUNT VALUE_BYTES | scan DIR TABLE [PASSES]\n");
    return 2;
}
