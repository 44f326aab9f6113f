// A checker for HAR 1.2 written from the spec (http://www.softwareishard.com/blog/har-12-spec/): every
// required field present with its type, ISO 8601 dates, time = the sum of the timings. Returns the problems
// found, each with its path, so a failing test says what is wrong. Used by har.test.ts and e2e/share.spec.ts.

type Problems = string[];
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
// The spec: ISO 8601 with a time zone offset, e.g. 2009-07-24T19:20:30.45+01:00.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function field(
  p: Problems,
  o: Obj,
  path: string,
  key: string,
  type: 'string' | 'number' | 'object' | 'array',
  optional = false,
): boolean {
  const v = o[key];
  if (v === undefined) {
    if (!optional) p.push(`${path}.${key} is required`);
    return false;
  }
  const ok = type === 'array' ? Array.isArray(v) : type === 'object' ? isObj(v) : typeof v === type;
  if (!ok) p.push(`${path}.${key} must be ${type === 'array' ? 'an array' : `a ${type}`}`);
  return ok;
}

function nameValues(p: Problems, o: Obj, path: string, key: string): void {
  if (!field(p, o, path, key, 'array')) return;
  (o[key] as unknown[]).forEach((item, i) => {
    const at = `${path}.${key}[${i}]`;
    if (!isObj(item)) return void p.push(`${at} must be an object`);
    field(p, item, at, 'name', 'string');
    field(p, item, at, 'value', 'string');
    field(p, item, at, 'comment', 'string', true);
  });
}

function request(p: Problems, r: Obj, path: string): void {
  field(p, r, path, 'method', 'string');
  if (field(p, r, path, 'url', 'string') && !URL.canParse(r.url as string))
    p.push(`${path}.url must be an absolute URL`);
  field(p, r, path, 'httpVersion', 'string');
  nameValues(p, r, path, 'cookies');
  nameValues(p, r, path, 'headers');
  nameValues(p, r, path, 'queryString');
  if (field(p, r, path, 'postData', 'object', true)) {
    const post = r.postData as Obj;
    field(p, post, `${path}.postData`, 'mimeType', 'string');
    const text = field(p, post, `${path}.postData`, 'text', 'string', true);
    const params = field(p, post, `${path}.postData`, 'params', 'array', true);
    if (text === params) p.push(`${path}.postData needs exactly one of text and params`);
  }
  field(p, r, path, 'headersSize', 'number');
  field(p, r, path, 'bodySize', 'number');
}

function response(p: Problems, r: Obj, path: string): void {
  field(p, r, path, 'status', 'number');
  field(p, r, path, 'statusText', 'string');
  field(p, r, path, 'httpVersion', 'string');
  nameValues(p, r, path, 'cookies');
  nameValues(p, r, path, 'headers');
  if (field(p, r, path, 'content', 'object')) {
    const c = r.content as Obj;
    field(p, c, `${path}.content`, 'size', 'number');
    field(p, c, `${path}.content`, 'compression', 'number', true);
    field(p, c, `${path}.content`, 'mimeType', 'string');
    field(p, c, `${path}.content`, 'text', 'string', true);
    field(p, c, `${path}.content`, 'encoding', 'string', true);
  }
  field(p, r, path, 'redirectURL', 'string');
  field(p, r, path, 'headersSize', 'number');
  field(p, r, path, 'bodySize', 'number');
}

function entry(p: Problems, e: Obj, path: string): void {
  field(p, e, path, 'pageref', 'string', true);
  if (field(p, e, path, 'startedDateTime', 'string') && !ISO_8601.test(e.startedDateTime as string))
    p.push(`${path}.startedDateTime must be ISO 8601 with a time zone`);
  const hasTime = field(p, e, path, 'time', 'number');
  if (field(p, e, path, 'request', 'object')) request(p, e.request as Obj, `${path}.request`);
  if (field(p, e, path, 'response', 'object')) response(p, e.response as Obj, `${path}.response`);
  field(p, e, path, 'cache', 'object');
  if (field(p, e, path, 'timings', 'object')) {
    const t = e.timings as Obj;
    for (const k of ['send', 'wait', 'receive']) field(p, t, `${path}.timings`, k, 'number');
    for (const k of ['blocked', 'dns', 'connect', 'ssl'])
      field(p, t, `${path}.timings`, k, 'number', true);
    // "time: the sum of all timings available in the timings object (not including -1 values)";
    // ssl is already inside connect, so it is not added twice.
    const sum = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive']
      .map((k) => t[k])
      .filter((v): v is number => typeof v === 'number' && v !== -1)
      .reduce((a, b) => a + b, 0);
    if (hasTime && Math.abs(sum - (e.time as number)) > 1e-6)
      p.push(`${path}.time (${String(e.time)}) must equal the sum of its timings (${sum})`);
  }
  field(p, e, path, 'serverIPAddress', 'string', true);
  field(p, e, path, 'connection', 'string', true);
  field(p, e, path, 'comment', 'string', true);
}

/** Every way `doc` falls short of HAR 1.2; empty when it is a valid HAR 1.2 file. */
export function harProblems(doc: unknown): string[] {
  const p: Problems = [];
  if (!isObj(doc) || !isObj(doc.log)) return ['the file must be an object with a "log" object'];
  const log = doc.log;
  if (log.version !== '1.2') p.push('log.version must be "1.2"');
  if (field(p, log, 'log', 'creator', 'object')) {
    field(p, log.creator as Obj, 'log.creator', 'name', 'string');
    field(p, log.creator as Obj, 'log.creator', 'version', 'string');
  }
  if (field(p, log, 'log', 'pages', 'array', true))
    (log.pages as unknown[]).forEach((page, i) => {
      const at = `log.pages[${i}]`;
      if (!isObj(page)) return void p.push(`${at} must be an object`);
      field(p, page, at, 'startedDateTime', 'string');
      field(p, page, at, 'id', 'string');
      field(p, page, at, 'title', 'string');
      field(p, page, at, 'pageTimings', 'object');
    });
  if (field(p, log, 'log', 'entries', 'array'))
    (log.entries as unknown[]).forEach((e, i) =>
      isObj(e) ? entry(p, e, `log.entries[${i}]`) : p.push(`log.entries[${i}] must be an object`),
    );
  field(p, log, 'log', 'comment', 'string', true);
  return p;
}
