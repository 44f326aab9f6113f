// Checks for the command-palette prompts of "Start Session" (the webview form applies the same AWS limits).
// Pure, unit-tested; commands.ts shows the prompts. Must not import vscode.
import type { ResourceItem } from '../../src/protocol/messages.js';

/** AWS's RequiredMinimumPollIntervalInSeconds range; empty means "not set". */
export function parseInterval(
  text: string,
): { ok: true; value?: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true };
  if (!/^\d+$/.test(trimmed))
    return { ok: false, message: 'A whole number of seconds, 15–86400, or empty for none.' };
  const value = Number(trimmed);
  if (value < 15 || value > 86_400)
    return { ok: false, message: `AWS accepts 15–86400 seconds (got ${value}).` };
  return { ok: true, value };
}

/** An identifier as StartConfigurationSession takes it: a name or an id, 1–128 characters. */
export function identifierProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'Required.';
  if (trimmed.length > 128) return `At most 128 characters (got ${trimmed.length}).`;
  return undefined;
}

/** The listed resource the user meant, by name or id; undefined for free text that matches nothing. */
export function findResource(
  items: readonly ResourceItem[] | undefined,
  text: string,
): ResourceItem | undefined {
  const wanted = text.trim();
  return items?.find((item) => item.name === wanted || item.id === wanted);
}
