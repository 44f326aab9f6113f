// The text report watch prints when CMD exits: header, session blocks, findings with their fix, last line.
import { describe, expect, it } from 'vitest';
import { buildWatchReport, renderWatchText } from './watchReport.js';
import { shellLine } from './watchReportText.js';
import {
  BOTO_CLIENT,
  chain,
  cleanSession,
  deployV2,
  every31,
  observed,
  replaySession,
  watchInput,
} from './testWatchInputs.js';

const lines = (text: string) => text.trimEnd().split('\n');

describe('renderWatchText', () => {
  it('prints the header, one block per session and the PASS line for a clean run', () => {
    const text = renderWatchText(buildWatchReport(watchInput([cleanSession()])));
    const all = lines(text);
    expect(all[0]).toBe('watch: node app.js exited with status 0 (401.0 s)');
    expect(all).toContain(
      'session 1: aws-sdk-js/3.700.0 @ 127.0.0.1 demo-app/dev/app-config — 10 polls, 1 version',
    );
    expect(all).toContain('  versions: v1');
    expect(all).toContain('  no findings');
    expect(all.at(-1)).toBe(
      "watch: PASS — no finding at or above --fail-on error; exit 0 (CMD's status)",
    );
    expect(text.endsWith('\n')).toBe(true);
  });

  it('prints each finding with severity, rule, title, explanation and Fix, and the FAIL line', () => {
    const all = lines(renderWatchText(buildWatchReport(watchInput([replaySession()]))));
    const at = all.indexOf('  ERROR token-reused: Token reused (call #3, 09:01:03 UTC)');
    expect(at).toBeGreaterThan(0);
    expect(all[at + 1]).toBe(
      '    This poll sent a configuration token 31 s after poll #2 had already used it.',
    );
    expect(all[at + 2]).toMatch(/^ {4}Fix: Use each NextPollConfigurationToken exactly once/);
    expect(all.at(-1)).toBe(
      'watch: FAIL — 1 error (token-reused) at or above --fail-on error; exit 1',
    );
  });

  it('marks an allowed finding with the --allow that allowed it', () => {
    const report = buildWatchReport(watchInput([replaySession()], { allow: ['token-reused'] }));
    const all = lines(renderWatchText(report));
    expect(all).toContain(
      '  ERROR token-reused: Token reused (call #3, 09:01:03 UTC) (allowed by --allow token-reused)',
    );
    expect(all.at(-1)).toMatch(/^watch: PASS — /);
  });

  it('says plainly when CMD made no AppConfig session', () => {
    const all = lines(renderWatchText(buildWatchReport(watchInput([]))));
    expect(all[1]).toBe('CMD made no AppConfig session.');
    expect(all.at(-1)).toBe("watch: PASS — CMD made no AppConfig session; exit 0 (CMD's status)");
  });

  it('lists each deployment with who received it and who did not', () => {
    const stuck = observed('s1', chain('s1', 0, every31(1, 301)), { client: BOTO_CLIENT });
    const all = lines(
      renderWatchText(buildWatchReport(watchInput([stuck], { deployments: [deployV2()] }))),
    );
    expect(all).toContain(
      'deployment v2@app-config (AppConfig.AllAtOnce): started 09:01:40 UTC, completed 09:01:40 UTC; received by no session; not picked up by session 1',
    );
    expect(all).toContain(
      '  ERROR deployment-not-picked-up: Deployment not picked up (call #10, 09:04:40 UTC)',
    );
  });

  it('shows how CMD ended: killed by a signal, or watch interrupted', () => {
    const killed = renderWatchText(
      buildWatchReport(watchInput([], { exit: { code: null, signal: 'SIGSEGV' } })),
    );
    expect(lines(killed)[0]).toBe('watch: node app.js was killed by SIGSEGV (401.0 s)');
    expect(lines(killed).at(-1)).toBe(
      "watch: FAIL — CMD was killed by SIGSEGV; CMD made no AppConfig session; exit 139 (CMD's status)",
    );
    const stopped = renderWatchText(
      buildWatchReport(
        watchInput([], { exit: { code: null, signal: 'SIGTERM' }, interrupted: 'SIGTERM' }),
      ),
    );
    expect(lines(stopped)[0]).toBe(
      'watch: node app.js was killed by SIGTERM after watch was interrupted by SIGTERM (401.0 s)',
    );
  });

  it('keeps control characters out of the log and quotes arguments like a shell', () => {
    const report = buildWatchReport(
      watchInput([], { command: ['sh', '-c', "echo 'hi'\n\u001b[31mred"] }),
    );
    const header = lines(renderWatchText(report))[0]!;
    // eslint-disable-next-line no-control-regex -- asserting their absence
    expect(header).not.toMatch(/[\u0000-\u001f]/);
    expect(shellLine(['sh', '-c', "it's here", 'a.b/c=d'])).toBe(`sh -c 'it'\\''s here' a.b/c=d`);
  });
});
