import { ReportDocument } from '../report-document';

/** A report using every kind of content, with the awkward cases a real run produces. */
export function sampleDocument(): ReportDocument {
  return {
    title: 'Spike on pod <script>alert(1)</script>',
    subtitle: 'ran 2025-01-01 12:00 against the process runtime',
    notes: ['Open-loop load: requests are sent on schedule whether or not earlier ones finished.'],
    warnings: ['The generator fell behind for 3 s; those seconds are under-loaded.'],
    sections: [
      {
        heading: 'Pod <script>alert(1)</script>',
        paragraphs: ['Latency is measured from the scheduled send time.'],
        tables: [
          {
            caption: 'Latency by algorithm',
            columns: ['algorithm', 'p50 ms', 'p99 ms', 'requests'],
            rows: [
              ['roundrobin', 12.5, 0.1 + 0.2, 123456],
              ['leastconn', null, 98.25, 120000],
            ],
          },
        ],
        charts: [
          {
            kind: 'time',
            title: 'Load, nodes and latency',
            xLabel: 's since start',
            leftLabel: 'req/s and nodes',
            rightLabel: 'p99 ms',
            rightScale: 'log',
            series: [
              {
                name: 'load',
                points: [
                  [0, 100],
                  [1, 120],
                  [2, null],
                  [3, 400],
                  [4, 380],
                ],
              },
              {
                name: 'nodes',
                step: true,
                points: [
                  [0, 1],
                  [1, 1],
                  [2, 2],
                  [3, 3],
                  [4, 3],
                ],
              },
              {
                name: 'p99',
                axis: 'right',
                points: [
                  [0, 5],
                  [1, 0],
                  [2, 40],
                  [3, 800],
                  [4, 20],
                ],
              },
            ],
            markers: [{ x: 2, label: 'spike starts' }],
            threshold: { y: 200, label: 'SLO 200 ms' },
          },
        ],
        sections: [
          {
            heading: 'roundrobin',
            charts: [
              {
                kind: 'percentiles',
                title: 'Latency by percentile',
                series: [
                  {
                    name: 'roundrobin',
                    points: [
                      { percentile: 50, ms: 2 },
                      { percentile: 90, ms: 5 },
                      { percentile: 99, ms: 40 },
                      { percentile: 99.9, ms: 300 },
                    ],
                  },
                  {
                    name: 'leastconn',
                    points: [
                      { percentile: 50, ms: 3 },
                      { percentile: 99, ms: 20 },
                      { percentile: 100, ms: 90 },
                    ],
                  },
                ],
              },
              {
                kind: 'bars',
                title: 'Share of requests per node',
                unit: '% of requests',
                groups: [
                  {
                    label: 'roundrobin',
                    bars: [
                      { name: 'node-1', value: 50 },
                      { name: 'node-2', value: 50 },
                    ],
                  },
                  {
                    label: 'leastconn',
                    bars: [
                      { name: 'node-1', value: 30 },
                      { name: 'node-2', value: 45 },
                      { name: 'node-3', value: 25 },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}
