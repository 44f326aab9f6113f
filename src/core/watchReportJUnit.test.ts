// The JUnit XML of a watch report, parsed by a strict well-formedness check and asserted by structure.
import { describe, expect, it } from 'vitest';
import { buildWatchReport, renderWatchJUnit } from './watchReport.js';
import { xmlAttr, xmlText } from './watchReportJUnit.js';
import {
  cleanSession,
  earlySession,
  replaySession,
  watchInput,
  BOTO_CLIENT,
  chain,
  observed,
} from './testWatchInputs.js';
import { childrenNamed, parseXml, type XmlElement } from './testXmlCheck.js';

function suiteOf(xml: string): XmlElement {
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  const [suite, ...more] = childrenNamed(root, 'testsuite');
  expect(more).toEqual([]);
  return suite!;
}

describe('renderWatchJUnit', () => {
  it('gives one passing test case per clean session', () => {
    const xml = renderWatchJUnit(buildWatchReport(watchInput([cleanSession()])));
    const suite = suiteOf(xml);
    expect(suite.attrs).toMatchObject({ tests: '1', failures: '0', errors: '0' });
    const [tc] = childrenNamed(suite, 'testcase');
    expect(tc!.attrs.name).toBe(
      'session 1: aws-sdk-js/3.700.0 @ 127.0.0.1 demo-app/dev/app-config',
    );
    expect(childrenNamed(tc!, 'failure')).toEqual([]);
    expect(childrenNamed(tc!, 'system-out')[0]!.text).toBe('10 polls, 1 version, 0 errors');
  });

  it('gives a failure per failing finding: message = title, type = rule, body = explanation and fix', () => {
    const xml = renderWatchJUnit(buildWatchReport(watchInput([replaySession()])));
    const suite = suiteOf(xml);
    expect(suite.attrs).toMatchObject({ tests: '1', failures: '1' });
    const [failure, ...more] = childrenNamed(childrenNamed(suite, 'testcase')[0]!, 'failure');
    expect(more).toEqual([]);
    expect(failure!.attrs).toEqual({ message: 'Token reused', type: 'token-reused' });
    expect(failure!.text).toMatch(
      /^This poll sent a configuration token 31 s after poll #2 had already used it\.\nFix: Use each/,
    );
    const props = childrenNamed(childrenNamed(suite, 'properties')[0]!, 'property');
    expect(props.find((p) => p.attrs.name === 'exitCode')?.attrs.value).toBe('1');
  });

  it('puts allowed and below-threshold findings in system-out, not in failures', () => {
    const allowed = suiteOf(
      renderWatchJUnit(
        buildWatchReport(watchInput([replaySession()], { allow: ['token-reused'] })),
      ),
    );
    const tc = childrenNamed(allowed, 'testcase')[0]!;
    expect(childrenNamed(tc, 'failure')).toEqual([]);
    expect(childrenNamed(tc, 'system-out')[0]!.text).toContain(
      'ERROR token-reused: Token reused at call #3 (allowed by --allow token-reused)',
    );
    const early = suiteOf(renderWatchJUnit(buildWatchReport(watchInput([earlySession()]))));
    const out = childrenNamed(childrenNamed(early, 'testcase')[0]!, 'system-out')[0]!.text;
    expect(out).toContain('WARNING polled-too-early: Polled too early at call #3');
    expect(early.attrs.failures).toBe('0');
  });

  it('gives a session-less run one test case saying so', () => {
    const suite = suiteOf(renderWatchJUnit(buildWatchReport(watchInput([]))));
    expect(suite.attrs.tests).toBe('1');
    const cases = childrenNamed(suite, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual(['CMD made no AppConfig session']);
    expect(childrenNamed(cases[0]!, 'failure')).toEqual([]);
  });

  it('escapes markup and drops characters XML forbids, so the file always parses', () => {
    const nasty = `<b>"&'\u0000\u0007\u001b[0m\ud800 ok`;
    const s = observed('s1', chain('s1', 0, [1]), { client: `${BOTO_CLIENT} ${nasty}` });
    const xml = renderWatchJUnit(
      buildWatchReport(watchInput([s], { command: ['sh', '-c', nasty] })),
    );
    const suite = suiteOf(xml);
    expect(childrenNamed(suite, 'testcase')[0]!.attrs.name).toContain(`<b>"&'[0m ok`);
    expect(xmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(xmlAttr('"x"\n')).toBe('&quot;x&quot;&#10;');
  });
});

describe('parseXml (the test check itself)', () => {
  it.each([
    ['<a><b></a>', /mismatched/],
    ['<a x="1" x="2"/>', /duplicate/],
    ['<a>&nope;</a>', /unknown entity/],
    ['<a>1 & 2</a>', /bare &|unknown entity/],
    ['<a/><b/>', /second root/],
    ['<a>\u0001</a>', /forbids/],
    ['<a>', /unclosed/],
  ])('rejects %j', (xml, error) => {
    expect(() => parseXml(xml)).toThrow(error);
  });
});
