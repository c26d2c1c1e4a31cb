# `tools/bench http`: a release `pagerlog serve` on a fresh data directory against a bare Hummingbird
# route (`pagerlog-bench bare-server`), both driven by wrk on loopback in the same run, alternating.
# Sourced by tools/bench, which has built both executables; prints BENCH lines.

bench_http() {
    local duration="${BENCH_HTTP_SECONDS:-10}" rounds="${BENCH_HTTP_ROUNDS:-3}" connections=64 threads=2
    local serve_port=18080 bare_port=18081
    # Globals, not locals: the EXIT trap runs after this function has returned.
    bench_work="$(mktemp -d)"
    bench_pids=()
    trap 'kill "${bench_pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$bench_work"' EXIT
    local work="$bench_work"
    ensure_port_free "$serve_port" && ensure_port_free "$bare_port"

    PAGERLOG_BOOTSTRAP_CLIENT_ID=bench PAGERLOG_BOOTSTRAP_CLIENT_SECRET=bench-secret \
        "$repo/.build/release/pagerlog" serve --port "$serve_port" --data "$work/data" --log-level warning \
        >"$work/serve.log" 2>&1 &
    bench_pids+=($!)
    local serve_pid=$!
    "$repo/.build/release/pagerlog-bench" bare-server --port "$bare_port" >"$work/bare.log" 2>&1 &
    bench_pids+=($!)
    local bare_pid=$!
    wait_for_port "$serve_port" && wait_for_port "$bare_port"

    local base="http://127.0.0.1:$serve_port"
    local token organization key
    token="$(curl -sf -u bench:bench-secret -d grant_type=client_credentials "$base/v1/oauth/token" | json_field access_token)"
    organization="$(curl -sf -H "Authorization: Bearer $token" "$base/v1/organizations" | json_field id)"
    key="$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"organization_id\": \"$organization\", \"name\": \"bench\"}" "$base/v1/servers" | json_field api_key)"
    local id
    id="$(curl -sf -H "Authorization: Apikey $key" -H 'Content-Type: application/json' \
        -d '{"notif_type": "host", "hostname": "db1", "state": "DOWN", "output": "benchmark"}' \
        "$base/api/servers/v2/notifications/send" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')"
    [[ -n "$id" ]] || { echo "bench http: could not set up the server" >&2; cat "$work/serve.log" >&2; exit 1; }

    cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Apikey $key"
LUA
    cat >"$work/get.lua" <<LUA
wrk.headers["Authorization"] = "Apikey $key"
LUA
    local heartbeat="$base/api/servers/v2/heartbeats/create" get="$base/api/servers/v2/notifications/get/$id"
    local bare="http://127.0.0.1:$bare_port/api/servers/v2/notifications/get/$id"

    echo "# wrk -t$threads -c$connections -d${duration}s, $rounds rounds alternating with the bare route; medians" >&2
    local round
    for round in $(seq 1 "$rounds"); do
        run_wrk "$work" bare_post "$work/post.lua" "$bare" "$bare_pid"
        run_wrk "$work" heartbeat "$work/post.lua" "$heartbeat" "$serve_pid"
        run_wrk "$work" bare_get "$work/get.lua" "$bare" "$bare_pid"
        run_wrk "$work" notification_get "$work/get.lua" "$get" "$serve_pid"
    done

    local figures
    figures="$(cat "$work"/*.figures)"
    # A figure's value in each round, in the order of the rounds.
    rounds_of() {
        awk -v name="$1" '$1 == name { print $2 }' <<<"$figures"
    }
    # The median of the rounds' values of a figure.
    value() {
        rounds_of "$1" | median
    }
    # Each round's figure against the reference measured right before it. The ratios are the median of
    # these: the machine's speed drifts from round to round, and a ratio of two medians could pair a figure
    # with a reference from another round.
    round_ratios() {
        paste <(rounds_of "$1") <(rounds_of "$2") | awk '{ printf "%.3f\n", ($2 > 0 ? $1 / $2 : 0) }'
    }
    # The median of the rounds' ratios (one a line), as a ratio is printed.
    median_ratio() {
        median <<<"$1" | xargs printf "%.3f"
    }
    local name rounds="# rounds:"
    for name in bare_post_rps heartbeat_rps bare_get_rps notification_get_rps; do
        rounds+=" $name: $(rounds_of "$name" | xargs);"
    done
    echo "$rounds" >&2
    local heartbeat_ratios notification_ratios
    heartbeat_ratios="$(round_ratios heartbeat_rps bare_post_rps)"
    notification_ratios="$(round_ratios notification_get_rps bare_get_rps)"
    echo "# the rounds' ratios: heartbeat_rps_ratio: $(xargs <<<"$heartbeat_ratios"); notification_get_rps_ratio: $(xargs <<<"$notification_ratios")" >&2
    echo "BENCH heartbeat_rps $(value heartbeat_rps) requests/s"
    echo "BENCH bare_post_rps $(value bare_post_rps) requests/s"
    echo "BENCH heartbeat_rps_ratio $(median_ratio "$heartbeat_ratios") vs bare_post_rps"
    echo "BENCH notification_get_rps $(value notification_get_rps) requests/s"
    echo "BENCH bare_get_rps $(value bare_get_rps) requests/s"
    echo "BENCH notification_get_rps_ratio $(median_ratio "$notification_ratios") vs bare_get_rps"
    echo "BENCH heartbeat_p99_ms $(value heartbeat_p99_ms) ms"
    echo "BENCH notification_get_p99_ms $(value notification_get_p99_ms) ms"
    echo "BENCH bare_get_p99_ms $(value bare_get_p99_ms) ms"
    echo "BENCH heartbeat_server_cpu $(value heartbeat_server_cpu_us) us/request"
    echo "BENCH bare_post_server_cpu $(value bare_post_server_cpu_us) us/request"
    echo "BENCH notification_get_server_cpu $(value notification_get_server_cpu_us) us/request"
    echo "BENCH bare_get_server_cpu $(value bare_get_server_cpu_us) us/request"
    "$repo/.build/release/pagerlog" verify --data "$work/data" >&2 2>/dev/null || true
}

# Runs wrk once against the server whose process is <pid>, and adds `<name>_rps`, `<name>_p99_ms` and
# `<name>_server_cpu_us` (that process's CPU time, user and system, a request) to <work>/<name>.figures;
# any non-2xx answer fails the benchmark.
run_wrk() {
    local work="$1" name="$2" script="$3" url="$4" pid="$5"
    local output cpu_before cpu_after
    cpu_before="$(process_cpu_ticks "$pid")"
    output="$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$script" "$url")"
    cpu_after="$(process_cpu_ticks "$pid")"
    if grep -q "Non-2xx" <<<"$output"; then
        echo "bench http: $name answered errors:" >&2
        echo "$output" >&2
        exit 1
    fi
    awk -v name="$name" -v ticks="$((cpu_after - cpu_before))" -v hz="$(getconf CLK_TCK)" '
        / requests in / && $1 > 0 { printf "%s_server_cpu_us %.1f\n", name, ticks / hz * 1e6 / $1 }
        /Requests\/sec:/ { printf "%s_rps %.0f\n", name, $2 }
        $1 == "99%" {
            value = $2; unit = value; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", value)
            factor = unit == "us" ? 0.001 : unit == "s" ? 1000 : 1
            printf "%s_p99_ms %.2f\n", name, value * factor
        }' <<<"$output" >>"$work/$name.figures"
}

# The user and system CPU time of process <pid> so far, in clock ticks (`/proc/<pid>/stat` fields 14 and 15;
# the command name before them is in parentheses and may hold spaces).
process_cpu_ticks() {
    sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# The median of the numbers on standard input, one a line.
median() {
    sort -g | awk '{ values[NR] = $1 } END { print (NR % 2 ? values[(NR + 1) / 2] : (values[NR / 2] + values[NR / 2 + 1]) / 2) }'
}

# The value of the first `"name":"..."` in compact JSON on stdin.
json_field() {
    sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -1
}

# Fails when something already answers on the port: the benchmark would measure it instead of its own server.
ensure_port_free() {
    if curl -s -o /dev/null "http://127.0.0.1:$1/"; then
        echo "bench http: something already listens on port $1; stop it first" >&2
        exit 1
    fi
}

wait_for_port() {
    for _ in $(seq 1 100); do
        curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
        sleep 0.1
    done
    echo "bench http: nothing listens on port $1" >&2
    exit 1
}
