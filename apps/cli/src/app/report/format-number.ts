/**
 * A number for people, in tables and tick labels: no float noise (0.1 + 0.2 reads 0.3), thousands grouped,
 * at most 3 decimals, and values below 1 kept to 3 significant digits so 0.000123 does not read 0.
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 1) return String(Number(value.toFixed(3)));
  if (magnitude === 0) return '0';
  return String(Number(value.toPrecision(3)));
}
