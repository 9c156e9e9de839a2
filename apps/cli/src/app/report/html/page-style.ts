/** Light theme, system fonts only: the file is opened offline, so nothing may be fetched. */
export const pageStyle = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0; padding: 24px 16px 48px; background: #ffffff; color: #1f1f1f; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 960px; margin: 0 auto; }
h1 { font-size: 1.8rem; margin: 0 0 4px; }
h2 { font-size: 1.4rem; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #dddddd; }
h3 { font-size: 1.15rem; margin: 24px 0 8px; }
h4, h5, h6 { font-size: 1rem; margin: 20px 0 6px; }
.subtitle { color: #555555; margin: 0 0 16px; }
.warnings {
  border: 2px solid #d55e00; background: #fff4ec; border-radius: 6px; padding: 8px 16px; margin: 16px 0;
}
.warnings-title { font-weight: 700; margin: 4px 0; color: #8a3b00; }
.warnings ul, .notes { margin: 4px 0 8px; padding-left: 20px; }
.notes { color: #333333; }
.table-scroll { overflow-x: auto; margin: 12px 0 20px; }
table { border-collapse: collapse; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #bbbbbb; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.empty { color: #888888; }
figure.chart { margin: 16px 0 28px; }
figure.chart figcaption { font-weight: 600; color: #333333; margin-bottom: 4px; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 960px; font-family: inherit; }
.no-data { fill: #666666; }
`;
