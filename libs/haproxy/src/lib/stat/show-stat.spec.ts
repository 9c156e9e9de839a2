import { parseShowStat } from './show-stat';

// Captured from haproxy 2.6.12 (`show stat`), trimmed to the columns that matter plus a few others.
const HEADER =
  '# pxname,svname,qcur,scur,stot,status,weight,chkdown,type,rate,check_status,req_tot,qtime,ctime,rtime,ttime,addr,algo,used_conn_cur,hrsp_5xx,';

describe('parseShowStat', () => {
  it.each([
    {
      name: 'a server that is up',
      row: 'be_light,n1,0,2,40,UP,1,4,2,5,L7OK,,1,0,120,121,127.0.0.1:9001,,1,3,',
      expected: {
        proxy: 'be_light',
        name: 'n1',
        type: 'server',
        status: 'UP',
        scur: 2,
        stot: 40,
        rate: 5,
        rtime: 120,
        ttime: 121,
        checkStatus: 'L7OK',
        addr: '127.0.0.1:9001',
        usedConnCur: 1,
        hrsp5xx: 3,
        chkdown: 4,
      },
    },
    {
      name: 'a transitional status with a space',
      row: 'be_light,n2,0,0,0,UP 1/2,3,0,2,0,L4CON,,0,0,0,0,127.0.0.1:9002,,0,',
      expected: { status: 'UP 1/2', weight: 3, checkStatus: 'L4CON' },
    },
    {
      name: 'a backend row with its algorithm',
      row: 'be_light,BACKEND,0,0,7,UP,2,,1,0,,7,0,0,1,1,,roundrobin,,',
      expected: { type: 'backend', algo: 'roundrobin', reqTot: 7 },
    },
    {
      name: 'a frontend row, empty fields read as 0',
      row: 'fe_strato,FRONTEND,,,12,OPEN,,,0,3,,12,,,,,,,,',
      expected: { type: 'frontend', status: 'OPEN', weight: 0, qtime: 0, reqTot: 12 },
    },
  ])('maps $name by header name', ({ row, expected }) => {
    expect(parseShowStat(`${HEADER}\n${row}\n\n`)).toEqual([expect.objectContaining(expected)]);
  });

  it('does not depend on column order', () => {
    const rows = parseShowStat('# svname,scur,pxname,status\nn1,4,be_x,DRAIN\n');
    expect(rows[0]).toMatchObject({ proxy: 'be_x', name: 'n1', scur: 4, status: 'DRAIN' });
    expect(rows[0]).toMatchObject({ weight: 0, chkdown: 0, addr: '' });
  });

  it('reads a row shorter than the header as empty for the columns it lacks', () => {
    const rows = parseShowStat('# pxname,svname,scur,status,weight\nbe_x,n1,4\n');
    expect(rows[0]).toMatchObject({ proxy: 'be_x', name: 'n1', scur: 4, status: '', weight: 0 });
  });

  it('returns no rows without a header', () => {
    expect(parseShowStat('No such proxy.\n')).toEqual([]);
  });
});
