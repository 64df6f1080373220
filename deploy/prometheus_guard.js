// incident-runbook: the allow-list of Prometheus queries, for nginx's njs module
// (Debian: libnginx-mod-http-js), loaded by deploy/nginx.conf with js_import.
//
// The proxy passes exactly what the app sends (core/src/signals/query.rs):
//   /api/v1/query        query=sum(rate(M[5m]))  or  query=sum by (L) (rate(M[5m]))
//   /api/v1/query_range  query=sum by (L) (rate(M[5m]))&start=S&end=E&step=STEP
// with M one of the metrics in the nginx variable $prometheus_error_metric and L
// the label in $prometheus_status_code_label (config.json's prometheus.error_metric
// and status_code_label). A library whose runbooks override error_metric
// (config.json's runbooks.<id>.prometheus) lists every metric there, separated
// by spaces. Times in unix seconds within 7 days of now, and a step
// of at least (end - start) / 11,000 (Prometheus' point limit). `time` on an
// instant query is optional and bounded the same way.
//
// `refusal` is "" for a request that may pass, else the JSON error body
// (Prometheus' error shape, so the app names the cause); `refusalStatus`
// is "", "400" (malformed) or "403" (well formed, not allowed).

const MAX_AGE_SECS = 7 * 24 * 3600;
const MAX_POINTS = 11000;
const RATE_RANGE = '5m';
// What percent-encoders leave as is (the app's, encodeURIComponent's), the
// separators and "+" (a space, as Prometheus reads it); no ";" or anything
// else that a parser could read two ways.
const RAW_ARGS = /^[A-Za-z0-9._~!*'()%=&+-]*$/;
const UNIX_SECS = /^[0-9]{1,12}(\.[0-9]{1,3})?$/;

function allowedQueries(r, range) {
    const metrics = r.variables.prometheus_error_metric.split(' ').filter(function (m) { return m !== ''; });
    const label = r.variables.prometheus_status_code_label;
    const allowed = [];
    for (let i = 0; i < metrics.length; i++) {
        const rate = 'rate(' + metrics[i] + '[' + RATE_RANGE + '])';
        allowed.push('sum by (' + label + ') (' + rate + ')');
        if (!range) allowed.push('sum(' + rate + ')');
    }
    return allowed;
}

function refuse(status, why) {
    return { status: status, why: why };
}

// The decoded parameters, or a refusal for anything the app never sends.
function parseArgs(raw) {
    if (!RAW_ARGS.test(raw)) return refuse(400, 'the query string has characters the app never sends');
    const args = Object.create(null);
    const pairs = raw === '' ? [] : raw.split('&');
    for (let i = 0; i < pairs.length; i++) {
        const eq = pairs[i].indexOf('=');
        if (eq < 1) return refuse(400, 'a parameter without a name or value');
        let key;
        let value;
        try {
            key = decodeURIComponent(pairs[i].slice(0, eq).replace(/\+/g, ' '));
            value = decodeURIComponent(pairs[i].slice(eq + 1).replace(/\+/g, ' '));
        } catch (e) {
            return refuse(400, 'bad percent-encoding');
        }
        if (Object.prototype.hasOwnProperty.call(args, key)) return refuse(400, 'parameter "' + key + '" is repeated');
        args[key] = value;
    }
    return { args: args };
}

function unixTime(args, name, now) {
    const value = args[name];
    if (!UNIX_SECS.test(value)) return refuse(400, '"' + name + '" must be unix seconds');
    const t = Number(value);
    if (Math.abs(t - now) > MAX_AGE_SECS) return refuse(403, '"' + name + '" is more than 7 days from now');
    return { t: t };
}

function check(r) {
    const range = r.uri.slice(-'/query_range'.length) === '/query_range';
    const parsed = parseArgs(r.variables.args || '');
    if (parsed.why) return parsed;
    const args = parsed.args;
    const names = range ? ['query', 'start', 'end', 'step'] : ['query', 'time'];
    const required = range ? names : ['query'];
    const given = Object.keys(args);
    for (let i = 0; i < given.length; i++) {
        if (names.indexOf(given[i]) < 0) return refuse(400, 'parameter "' + given[i] + '" is not allowed');
    }
    for (let i = 0; i < required.length; i++) {
        if (!(required[i] in args)) return refuse(400, 'parameter "' + required[i] + '" is missing');
    }
    if (allowedQueries(r, range).indexOf(args.query) < 0) {
        return refuse(403, 'this query is not one the app sends (check prometheus.error_metric and status_code_label in config.json against deploy/nginx.conf)');
    }
    const now = Date.now() / 1000;
    if (!range) return 'time' in args ? unixTime(args, 'time', now) : {};
    const start = unixTime(args, 'start', now);
    if (start.why) return start;
    const end = unixTime(args, 'end', now);
    if (end.why) return end;
    if (end.t < start.t) return refuse(400, '"end" is before "start"');
    if (!UNIX_SECS.test(args.step) || !(Number(args.step) > 0)) return refuse(400, '"step" must be seconds above 0');
    if (Number(args.step) * MAX_POINTS < end.t - start.t) return refuse(403, '"step" is finer than (end - start) / 11000');
    return {};
}

function refusal(r) {
    const result = check(r);
    if (!result.why) return '';
    return JSON.stringify({ status: 'error', errorType: 'proxy_refused', error: result.why });
}

function refusalStatus(r) {
    const result = check(r);
    return result.why ? String(result.status) : '';
}

export default { refusal, refusalStatus };
