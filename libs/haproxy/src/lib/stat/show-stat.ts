export type StatRowType = 'frontend' | 'backend' | 'server' | 'listener';

/** One `show stat` row. Counters are 0 when haproxy leaves the field empty (not applicable). */
export interface HaproxyStatRow {
  proxy: string;
  /** `FRONTEND`, `BACKEND` or the server name. */
  name: string;
  type: StatRowType;
  /** `UP`, `DOWN`, `MAINT`, `DRAIN`, `no check`, `OPEN`, or transitional `UP 1/2` / `DOWN 1/2`. */
  status: string;
  weight: number;
  /** Requests queued for this server (maxconn reached). */
  qcur: number;
  /** Current sessions (in-flight requests for a server). */
  scur: number;
  /** Total sessions; one per HTTP request on a server. */
  stot: number;
  /** Sessions per second over the last second. */
  rate: number;
  /** Total HTTP requests; filled for frontends (and backends), empty on server rows in 2.6. */
  reqTot: number;
  /** Responses with a 5xx status (`hrsp_5xx`), including haproxy's own 502/503/504. */
  hrsp5xx: number;
  checkStatus: string;
  /** Averages over the last 1024 requests, in ms. */
  qtime: number;
  ctime: number;
  rtime: number;
  ttime: number;
  /** In-use backend connections; `del server` needs 0. */
  usedConnCur: number;
  addr: string;
  /** Balance algorithm, on BACKEND rows. */
  algo: string;
  /** Every column by its header name, for anything not mapped above. */
  fields: Readonly<Record<string, string>>;
}

const TYPES: Readonly<Record<string, StatRowType>> = {
  '0': 'frontend',
  '1': 'backend',
  '2': 'server',
  '3': 'listener',
};

/** Parses `show stat` CSV, mapping columns by the `# pxname,svname,...` header, never by position. */
export function parseShowStat(csv: string): HaproxyStatRow[] {
  const lines = csv.split('\n').filter((line) => line.trim() !== '');
  const headerLine = lines.find((line) => line.startsWith('# '));
  if (!headerLine) return [];
  const header = headerLine.slice(2).split(',');
  return lines
    .filter((line) => !line.startsWith('#'))
    .map((line) =>
      toRow(Object.fromEntries(line.split(',').map((value, i) => [header[i] ?? `#${i}`, value]))),
    );
}

function toRow(fields: Record<string, string>): HaproxyStatRow {
  const text = (key: string): string => fields[key] ?? '';
  const num = (key: string): number => {
    const value = Number(text(key));
    return text(key) === '' || Number.isNaN(value) ? 0 : value;
  };
  return {
    proxy: text('pxname'),
    name: text('svname'),
    type: TYPES[text('type')] ?? 'server',
    status: text('status'),
    weight: num('weight'),
    qcur: num('qcur'),
    scur: num('scur'),
    stot: num('stot'),
    rate: num('rate'),
    reqTot: num('req_tot'),
    hrsp5xx: num('hrsp_5xx'),
    checkStatus: text('check_status'),
    qtime: num('qtime'),
    ctime: num('ctime'),
    rtime: num('rtime'),
    ttime: num('ttime'),
    usedConnCur: num('used_conn_cur'),
    addr: text('addr'),
    algo: text('algo'),
    fields,
  };
}
