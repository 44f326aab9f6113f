// A small WHATWG-style EventSource over node:http for tests (Node 20 has none): it parses the real stream,
// reconnects after a dropped stream (honouring `retry:`) and gives up (CLOSED) on a non-200 answer, as
// browsers do. Test-only; it adds an Authorization header because Node has no cookie jar.
import { get, type ClientRequest } from 'node:http';

type Listener = (event: { data?: unknown }) => void;

export class NodeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  /** Every instance created, so tests can count reconnect attempts. */
  static readonly created: NodeEventSource[] = [];

  readyState = NodeEventSource.CONNECTING;
  private readonly listeners = new Map<string, Set<Listener>>();
  private request: ClientRequest | undefined;
  private retryMs = 1000;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {
    NodeEventSource.created.push(this);
    this.open();
  }

  /** A constructor that sends `Authorization: Bearer <token>`, shaped like the browser's EventSource. */
  static withToken(token: string | (() => string)): new (url: string) => NodeEventSource {
    return class extends NodeEventSource {
      constructor(url: string) {
        super(url, { Authorization: `Bearer ${typeof token === 'string' ? token : token()}` });
      }
    };
  }

  addEventListener(type: string, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(type, set);
  }

  close(): void {
    this.readyState = NodeEventSource.CLOSED;
    clearTimeout(this.timer);
    this.request?.destroy();
  }

  private dispatch(type: string, data?: string): void {
    for (const listener of this.listeners.get(type) ?? [])
      listener(data === undefined ? {} : { data });
  }

  private open(): void {
    const req = get(
      this.url,
      { headers: { Accept: 'text/event-stream', ...this.headers }, agent: false },
      (res) => {
        const type = res.headers['content-type'] ?? '';
        if (res.statusCode !== 200 || !type.startsWith('text/event-stream')) {
          res.resume();
          this.fail();
          return;
        }
        this.readyState = NodeEventSource.OPEN;
        this.dispatch('open');
        let buffer = '';
        let data: string[] = [];
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          const lines = buffer.split(/\r\n|\r|\n/);
          buffer = lines.pop() ?? '';
          for (const line of lines) {
            if (line === '') {
              if (data.length > 0) this.dispatch('message', data.join('\n'));
              data = [];
            } else if (!line.startsWith(':')) {
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'data') data.push(value);
              else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
            }
          }
        });
        res.on('close', () => this.reconnect(req));
      },
    );
    req.on('error', () => this.reconnect(req));
    this.request = req;
  }

  private reconnect(from: ClientRequest): void {
    // A dropped request can report both 'error' and 'close'; only the current one reconnects, once.
    if (this.readyState === NodeEventSource.CLOSED || from !== this.request) return;
    this.request = undefined;
    this.readyState = NodeEventSource.CONNECTING;
    this.dispatch('error');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), this.retryMs);
  }

  private fail(): void {
    if (this.readyState === NodeEventSource.CLOSED) return;
    this.readyState = NodeEventSource.CLOSED;
    this.dispatch('error');
  }
}
