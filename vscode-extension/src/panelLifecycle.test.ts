import { describe, expect, it } from 'vitest';
import { SinglePanel, type ManagedPanel } from './panelLifecycle.js';

class TestPanel implements ManagedPanel {
  reveals = 0;
  disposed = false;
  private readonly listeners: (() => void)[] = [];
  reveal() {
    this.reveals++;
  }
  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.forEach((l) => l());
  }
  onDidDispose(listener: () => void) {
    this.listeners.push(listener);
  }
}

describe('SinglePanel', () => {
  it('creates the panel once and reveals it on every later open', () => {
    const panels = new SinglePanel<TestPanel>();
    let created = 0;
    const create = () => (created++, new TestPanel());
    const first = panels.show(create);
    expect(panels.show(create)).toBe(first);
    expect(panels.show(create)).toBe(first);
    expect(created).toBe(1);
    expect(first.reveals).toBe(2);
  });

  it('forgets a closed panel so the next open creates a fresh one', () => {
    const panels = new SinglePanel<TestPanel>();
    const first = panels.show(() => new TestPanel());
    first.dispose();
    expect(panels.current).toBeUndefined();
    const second = panels.show(() => new TestPanel());
    expect(second).not.toBe(first);
    expect(second.reveals).toBe(0);
  });

  it('adopts a restored panel, and closes any further one so the window keeps one', () => {
    const panels = new SinglePanel<TestPanel>();
    const restored = new TestPanel();
    expect(panels.adopt(restored)).toBe(restored);
    expect(panels.show(() => new TestPanel())).toBe(restored);
    const duplicate = new TestPanel();
    expect(panels.adopt(duplicate)).toBe(restored);
    expect(duplicate.disposed).toBe(true);
    expect(restored.disposed).toBe(false);
    expect(panels.current).toBe(restored);
  });

  it('ignores the close of a panel it no longer tracks', () => {
    const panels = new SinglePanel<TestPanel>();
    const first = panels.show(() => new TestPanel());
    const stray = new TestPanel();
    panels.adopt(stray);
    first.dispose();
    const second = panels.show(() => new TestPanel());
    stray.dispose();
    expect(panels.current).toBe(second);
  });
});
