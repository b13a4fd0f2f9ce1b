import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemDiagnostics } from '../../server/src/service/features/diagnostics';
import type { Finding, Severity } from '../../server/src/service/model';

function finding(line: number, severity: Severity): Finding {
  const range = { start: { line, character: 0 }, end: { line, character: 3 } };
  return { rule: `event/${severity}`, severity, message: `on line ${line}`, range, eventId: 1, source: 'x', remediation: [] };
}

const findings = [finding(0, 'information'), finding(1, 'error'), finding(2, 'hint'), finding(3, 'warning'), finding(4, 'error')];

test('under the limit, every finding is a problem, in file order', () => {
  assert.deepEqual(problemDiagnostics(findings, 5).map((d) => d.range.start.line), [0, 1, 2, 3, 4]);
  assert.equal(problemDiagnostics(findings, 0).length, 5, '0 means no limit');
});

test('over the limit: a note, then the most severe findings in file order, the note counted in the limit', () => {
  const shown = problemDiagnostics(findings, 4);
  assert.equal(shown.length, 4);
  assert.equal(shown[0].code, 'problems/limit');
  assert.equal(shown[0].message, '3 of 5 findings are shown as problems: the most severe first, and of those what sums up many events before single events (setting adsyncDoctor.maxNumberOfProblems). The ADSync Doctor Findings view and the report list them all.');
  assert.deepEqual(shown.slice(1).map((d) => d.message), ['on line 1', 'on line 3', 'on line 4']);
});

test('over the limit, of one severity the timeline\'s findings and unreadable parts come before single events', () => {
  // A big failing log: more event errors than fit, and the timeline's error that sums them up last in the list.
  const summary = { ...finding(9, 'error'), rule: 'timeline/persistent-domain-failure', message: 'domain failed 4 times' };
  const unreadable = { ...finding(7, 'error'), rule: 'read/unreadable', message: 'unreadable part' };
  const many = [unreadable, ...[1, 2, 3, 4].map((line) => finding(line, 'error')), finding(5, 'warning'), summary];
  const shown = problemDiagnostics(many, 4).slice(1).map((d) => d.message);
  assert.deepEqual(shown, ['unreadable part', 'on line 1', 'domain failed 4 times'], 'kept in the order of the list');
  // A warning that sums up many events still comes after every error.
  assert.deepEqual(problemDiagnostics([...many, { ...summary, severity: 'warning' as const, message: 'timeline warning' }], 7).slice(1).map((d) => d.message), ['unreadable part', 'on line 1', 'on line 2', 'on line 3', 'on line 4', 'domain failed 4 times']);
});
