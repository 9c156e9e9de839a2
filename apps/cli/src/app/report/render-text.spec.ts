import { renderText } from './render-text';
import { sampleDocument } from './testing/sample-document';

describe('renderText', () => {
  const text = renderText(sampleDocument());
  const lines = text.split('\n');

  it('starts with the underlined title and the subtitle', () => {
    expect(lines[0]).toBe('Spike on pod <script>alert(1)</script>');
    expect(lines[1]).toMatch(/^=+$/);
    expect(lines[1]).toHaveLength(lines[0].length);
    expect(text).toContain('ran 2025-01-01 12:00 against the process runtime');
  });

  it('prints the notes and each warning loudly', () => {
    expect(lines).toContain(`- ${sampleDocument().notes[0]}`);
    expect(lines).toContain('!!! The generator fell behind for 3 s; those seconds are under-loaded.');
  });

  it('marks headings by depth', () => {
    const heading = lines.indexOf('Pod <script>alert(1)</script>');
    expect(lines[heading + 1]).toMatch(/^-+$/);
    expect(lines).toContain('### roundrobin');
  });

  it('prints tables with their caption, readable numbers right-aligned, and a dash for nothing', () => {
    expect(lines).toContain('Latency by algorithm');
    const row = lines.find((line) => line.includes('roundrobin') && line.includes('│'));
    expect(row).toMatch(/│ roundrobin │\s+12\.5 │\s+0\.3 │\s+123,456 │/);
    expect(lines.find((line) => line.includes('leastconn') && line.includes('│'))).toMatch(/│ -\s+│/);
    expect(text).toMatch(/┌─+┬/);
  });

  it('says where each chart is instead of drawing it', () => {
    expect(lines).toContain('(chart: Load, nodes and latency — in the HTML report)');
    expect(lines.filter((line) => line.startsWith('(chart: '))).toHaveLength(3);
  });

  it('prints "(none)" for a table without rows', () => {
    const empty = renderText({
      title: 't',
      notes: [],
      warnings: [],
      sections: [{ heading: 's', tables: [{ caption: 'Nodes', columns: ['id'], rows: [] }] }],
    });
    expect(empty).toContain('Nodes\n(none)');
  });

  it('cannot be used to send escape sequences to the terminal', () => {
    const hostile = renderText({ title: 'pod\u001b[2Jx', notes: [], warnings: ['a\u0007b'], sections: [] });
    expect(hostile).not.toContain('\u001b');
    expect(hostile).not.toContain('\u0007');
    expect(hostile).toContain('pod\uFFFD[2Jx');
  });
});
