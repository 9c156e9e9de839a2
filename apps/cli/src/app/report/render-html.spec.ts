import { renderHtml } from './render-html';
import { ReportDocument } from './report-document';
import { parseHtml, seriesPaths } from './testing/parse-html';
import { sampleDocument } from './testing/sample-document';

const svgNamespace = 'http://www.w3.org/2000/svg';

describe('renderHtml', () => {
  const html = renderHtml(sampleDocument());
  const document = parseHtml(html);

  it('is one HTML5 page titled after the report', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(document.title).toBe('Spike on pod <script>alert(1)</script>');
    expect(document.querySelector('h1')?.textContent).toBe('Spike on pod <script>alert(1)</script>');
    expect(document.querySelector('.subtitle')?.textContent).toContain('process runtime');
  });

  it('turns markup in names into text, so a pod called <script> runs nothing', () => {
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelector('h2')?.textContent).toBe('Pod <script>alert(1)</script>');
    expect(html).not.toContain('<script>');
  });

  it('escapes names inside attributes too', () => {
    const doc: ReportDocument = {
      ...sampleDocument(),
      sections: [
        {
          heading: 'quotes',
          charts: [
            {
              kind: 'time',
              title: 't',
              xLabel: 's',
              leftLabel: 'n',
              series: [
                {
                  name: '"><script>x</script>',
                  points: [
                    [0, 1],
                    [1, 2],
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const parsed = parseHtml(renderHtml(doc));
    expect(parsed.querySelectorAll('script')).toHaveLength(0);
    expect(seriesPaths(parsed)[0].dataset['series']).toBe('"><script>x</script>');
  });

  it('refers to nothing outside the file: no URL but the SVG namespace, no script, no link', () => {
    const urls = html.match(/https?:\/\/[^\s"'<>)]*/g) ?? [];
    expect(urls.filter((url) => url !== svgNamespace)).toEqual([]);
    expect(urls).toContain(svgNamespace);
    expect(document.querySelectorAll('link, img, iframe, object, [src], [href]')).toHaveLength(0);
    expect(document.querySelector('style')?.textContent).not.toMatch(/url\(|@import/);
  });

  it('writes no NaN or undefined anywhere', () => {
    expect(html).not.toMatch(/NaN|undefined/);
  });

  it('shows the warnings in an alert box before the first section', () => {
    const box = document.querySelector('.warnings[role="alert"]');
    expect(box?.textContent).toContain('The generator fell behind for 3 s');
    const firstSection = document.querySelector('section');
    expect(box && firstSection && box.compareDocumentPosition(firstSection) & 4).toBe(4);
  });

  it('leaves the warning box out when the measurement went well', () => {
    const calm = parseHtml(renderHtml({ ...sampleDocument(), warnings: [] }));
    expect(calm.querySelector('.warnings')).toBeNull();
  });

  it('lists the notes', () => {
    expect([...document.querySelectorAll('ul.notes li')].map((li) => li.textContent)).toEqual([
      sampleDocument().notes[0],
    ]);
  });

  it('nests sections as h2, h3 and so on', () => {
    expect(document.querySelector('section > h2')?.textContent).toBe('Pod <script>alert(1)</script>');
    expect(document.querySelector('section > section > h3')?.textContent).toBe('roundrobin');
  });

  it('writes tables with a caption, a header and right-aligned, readable numbers', () => {
    const table = document.querySelector('table');
    expect(table?.querySelector('caption')?.textContent).toBe('Latency by algorithm');
    expect([...(table?.querySelectorAll('thead th') ?? [])].map((th) => th.textContent)).toEqual([
      'algorithm',
      'p50 ms',
      'p99 ms',
      'requests',
    ]);
    const firstRow = [...(table?.querySelectorAll('tbody tr:first-child td') ?? [])];
    expect(firstRow.map((td) => td.textContent)).toEqual(['roundrobin', '12.5', '0.3', '123,456']);
    expect(firstRow.map((td) => td.classList.contains('num'))).toEqual([false, true, true, true]);
  });

  it('draws every chart as a figure of its kind', () => {
    const kinds = [...document.querySelectorAll<HTMLElement>('figure.chart')].map(
      (figure) => figure.dataset['chartKind'],
    );
    expect(kinds).toEqual(['time', 'percentiles', 'bars']);
    expect(document.querySelectorAll('figure.chart svg[role="img"]')).toHaveLength(3);
    expect(seriesPaths(document)).toHaveLength(5);
    expect(document.querySelectorAll('rect.bar')).toHaveLength(5);
  });

  it('renders an empty report without inventing content', () => {
    const empty = renderHtml({ title: 'Nothing', notes: [], warnings: [], sections: [] });
    const parsed = parseHtml(empty);
    expect(parsed.querySelector('h1')?.textContent).toBe('Nothing');
    expect(parsed.querySelectorAll('section, .notes, .warnings')).toHaveLength(0);
    expect(empty).not.toMatch(/NaN|undefined/);
  });
});
