/**
 * Document text made safe to print: control characters (an ESC in a pod name could restyle or rewrite the
 * terminal) become U+FFFD; line feeds and tabs stay.
 */
export function terminalText(text: string): string {
  let safe = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const control =
      (code < 0x20 && character !== '\n' && character !== '\t') || (code >= 0x7f && code < 0xa0);
    safe += control ? '\uFFFD' : character;
  }
  return safe;
}
