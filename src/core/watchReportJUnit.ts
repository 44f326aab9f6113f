// The JUnit XML rendering of a watch report, for CI systems that display test results: one test case per
// session, a <failure> per finding that fails the run, every other finding in <system-out>. Imported by
// core/watchReport.ts (re-exported to the CLI); pure core. Mapping: docs/watch-report.md ("JUnit").
import { shellLine } from './watchReportText.js';
import type { WatchFinding, WatchReport, WatchSessionReport } from './watchReportTypes.js';

/**
 * XML 1.0 allows tab, newline, carriage return and the ranges below; anything else (control characters from
 * an AWS message or CMD's output, lone surrogates) would make the whole file unreadable, so it is dropped.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Attribute values also keep their quotes and line breaks (a parser would fold raw ones into spaces). */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function attrs(pairs: Record<string, string | number>): string {
  return Object.entries(pairs)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function secs(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function caseName(s: WatchSessionReport): string {
  return `session ${s.index}: ${s.client ?? 'unknown client'} ${s.application}/${s.environment}/${s.profile}`;
}

function findingText(f: WatchFinding): string {
  const allowed = f.allowed ? ` (allowed by --allow ${f.rule})` : '';
  const where = f.seq === null ? '' : ` at call #${f.seq}`;
  return `${f.severity.toUpperCase()} ${f.rule}: ${f.title}${where}${allowed}\n${f.explanation}\nFix: ${f.fix}`;
}

function sessionCase(s: WatchSessionReport): string {
  const time = s.lastCallAt ? Date.parse(s.lastCallAt) - Date.parse(s.startedAt) : 0;
  const open = `    <testcase${attrs({ classname: 'appconfig-inspector.watch', name: caseName(s), time: secs(time) })}>`;
  const failures = s.findings
    .filter((f) => f.failing)
    .map(
      (f) =>
        `      <failure${attrs({ message: f.title, type: f.rule })}>${xmlText(`${f.explanation}\nFix: ${f.fix}`)}</failure>`,
    );
  const others = s.findings.filter((f) => !f.failing);
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const summary = `${n(s.counts.polls, 'poll')}, ${n(s.versions.length, 'version')}, ${n(s.counts.errors, 'error')}`;
  const out = [summary, ...others.map(findingText)].join('\n\n');
  return [
    open,
    ...failures,
    `      <system-out>${xmlText(out)}</system-out>`,
    '    </testcase>',
  ].join('\n');
}

export function renderWatchJUnit(report: WatchReport): string {
  const tests = Math.max(1, report.sessions.length);
  const failures = report.sessions.filter((s) => s.findings.some((f) => f.failing)).length;
  const time = secs(report.durationMs);
  const cases =
    report.sessions.length > 0
      ? report.sessions.map(sessionCase)
      : [
          `    <testcase${attrs({ classname: 'appconfig-inspector.watch', name: 'CMD made no AppConfig session', time: '0.000' })}>`,
          `      <system-out>${xmlText('CMD made no AppConfig session; there was nothing to check.')}</system-out>`,
          '    </testcase>',
        ];
  const props = {
    schema: report.schema,
    command: shellLine(report.command),
    failOn: report.options.failOn,
    allow: report.options.allow.join(','),
    exitCode: String(report.outcome.exitCode),
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'appconfig-inspector watch', tests, failures, errors: 0, time })}>`,
    `  <testsuite${attrs({ name: `appconfig-inspector watch: ${shellLine(report.command)}`, tests, failures, errors: 0, skipped: 0, time, timestamp: report.startedAt })}>`,
    '    <properties>',
    ...Object.entries(props).map(([name, value]) => `      <property${attrs({ name, value })}/>`),
    '    </properties>',
    ...cases,
    `    <system-out>${xmlText(`watch: ${report.outcome.status.toUpperCase()} — ${report.outcome.reason}`)}</system-out>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
