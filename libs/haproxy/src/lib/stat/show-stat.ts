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
  /** Times the server went from UP to DOWN (its health checks). */
  chkdown: number;
}

const TYPES: Readonly<Record<string, StatRowType>> = {
  '0': 'frontend',
  '1': 'backend',
  '2': 'server',
  '3': 'listener',
};

/** The columns read from each row, by header name: every other value is skipped, never copied. */
const COLUMNS = {
  proxy: 'pxname',
  name: 'svname',
  type: 'type',
  status: 'status',
  weight: 'weight',
  qcur: 'qcur',
  scur: 'scur',
  stot: 'stot',
  rate: 'rate',
  reqTot: 'req_tot',
  hrsp5xx: 'hrsp_5xx',
  checkStatus: 'check_status',
  chkdown: 'chkdown',
  qtime: 'qtime',
  ctime: 'ctime',
  rtime: 'rtime',
  ttime: 'ttime',
  usedConnCur: 'used_conn_cur',
  addr: 'addr',
  algo: 'algo',
} as const;
type Column = keyof typeof COLUMNS;

/**
 * Parses `show stat` CSV, mapping columns by the `# pxname,svname,...` header, never by position. Made
 * for a thousand servers a second: only the mapped columns of a row are kept (a row has ~100).
 */
export function parseShowStat(csv: string): HaproxyStatRow[] {
  const lines = csv.split('\n');
  const headerLine = lines.find((line) => line.startsWith('# '));
  if (!headerLine) return [];
  const header = headerLine.slice(2).split(',');
  const at = Object.fromEntries(
    (Object.keys(COLUMNS) as Column[]).map((key) => [key, header.indexOf(COLUMNS[key])]),
  ) as Record<Column, number>;
  const rows: HaproxyStatRow[] = [];
  for (const line of lines) {
    if (line.startsWith('#') || line.trim() === '') continue;
    rows.push(toRow(line.split(','), at));
  }
  return rows;
}

function toRow(values: string[], at: Record<Column, number>): HaproxyStatRow {
  const text = (key: Column): string => values[at[key]] ?? '';
  const num = (key: Column): number => {
    const raw = text(key);
    const value = Number(raw);
    return raw === '' || Number.isNaN(value) ? 0 : value;
  };
  return {
    proxy: text('proxy'),
    name: text('name'),
    type: TYPES[text('type')] ?? 'server',
    status: text('status'),
    weight: num('weight'),
    qcur: num('qcur'),
    scur: num('scur'),
    stot: num('stot'),
    rate: num('rate'),
    reqTot: num('reqTot'),
    hrsp5xx: num('hrsp5xx'),
    checkStatus: text('checkStatus'),
    chkdown: num('chkdown'),
    qtime: num('qtime'),
    ctime: num('ctime'),
    rtime: num('rtime'),
    ttime: num('ttime'),
    usedConnCur: num('usedConnCur'),
    addr: text('addr'),
    algo: text('algo'),
  };
}
