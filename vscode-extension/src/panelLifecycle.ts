// One inspector panel per window: "Open" reveals the panel when there is one and creates it otherwise, a panel
// VS Code restores after a reload is adopted, and closing it only forgets it (sessions live in the service).
// Generic over the panel so the rules are unit-tested without the vscode module; must not import vscode.

export interface ManagedPanel {
  reveal(): void;
  dispose(): void;
  onDidDispose(listener: () => void): void;
}

export class SinglePanel<P extends ManagedPanel> {
  private panel?: P;

  get current(): P | undefined {
    return this.panel;
  }

  /** Reveals the open panel, or creates one with `create`. */
  show(create: () => P): P {
    if (this.panel) {
      this.panel.reveal();
      return this.panel;
    }
    return this.track(create());
  }

  /**
   * Takes a panel VS Code restored through the serializer. Should one already be open (a second restored
   * tab, or "Open" ran first), the newcomer is closed so the window keeps a single panel.
   */
  adopt(panel: P): P {
    if (this.panel && this.panel !== panel) {
      panel.dispose();
      return this.panel;
    }
    return this.track(panel);
  }

  private track(panel: P): P {
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    return panel;
  }
}
