import { tick, untrack } from 'svelte';
import type { LessonPanel } from '../../../lessons/lessons';
import { fitHeights, scenePanels } from './fit';
import { type ChainFit, NATURAL_CHAIN, shrinkChain } from './sceneFit';
import type { Layout, PanelId } from './layout';
import type { Transport } from './transport.svelte';

/**
 * A lesson's scene in the studio: the panels it names, kept fitted into the workspace while their
 * contents settle (the rows holding a resizable drawing share what is left; if that is not enough,
 * the chain diagrams give room without shrinking their text: ./sceneFit.ts), and its sub-steps
 * walked one by one.
 */
export class Scene {
  /** The panels the open lesson names, kept in view (null: no lesson staged). */
  panels = $state<PanelId[] | null>(null);
  /**
   * The chain diagrams' room in a scene: natural, or (where the named panels do not fit the window
   * even with the others at their smallest) one variant at a time, then shorter (./sceneFit.ts).
   * Never zoomed out: their text stays at its 12 px or more.
   */
  chainFit = $state<ChainFit>(NATURAL_CHAIN);
  /** The scene's panels that give way in a small window, in order, and those it has left out (hidden). */
  private spare: PanelId[] = [];
  spared = $state<PanelId[]>([]);
  /** The variant whose diagram a scene shows when only one fits. */
  chainFirst = $state(0);
  /** What the chain panel is told: the scene's room for its diagrams (null: no scene, or a panel in focus). */
  get chainView(): (ChainFit & { first: number }) | null {
    return this.panels !== null && this.studio.focused() === null
      ? { ...this.chainFit, first: this.chainFirst }
      : null;
  }
  workspace = $state<HTMLDivElement>();
  grid = $state<HTMLDivElement>();
  /** Until when the grid is refitted as the panels' contents settle (ms, performance.now()). */
  private fitUntil = 0;
  private walkTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly studio: {
    layout: () => Layout;
    focused: () => PanelId | null;
    transport: Transport;
    /** The lesson's variants (the document's, not the drawn ones: those may still be the lesson before's). */
    variants: () => number;
    /** Which drawings are there (a key that changes as they arrive). */
    drawings: () => string;
  };

  constructor(studio: Scene['studio']) {
    this.studio = studio;
    // The lesson's runs can arrive after the fitting's few seconds (a busy machine): fitted again as its drawings appear.
    $effect(() => {
      void this.studio.drawings();
      if (untrack(() => this.panels)) this.refit();
    });
    $effect(() => {
      const grid = this.grid;
      const ws = this.workspace;
      if (!grid || !ws) return;
      const observer = new ResizeObserver(() => {
        if (this.panels && performance.now() < this.fitUntil) requestAnimationFrame(this.fit);
      });
      observer.observe(grid);
      observer.observe(ws);
      return () => observer.disconnect();
    });
    // A panel the scene left out, shown from the shelf: below the others, scrolled to, no longer fitted.
    $effect(() => {
      const layout = this.studio.layout();
      const back = this.spared.find((id) => layout.panels[id].visible);
      if (!back) return;
      untrack(() => {
        this.spare = [];
        this.spared = this.spared.filter((id) => id !== back);
        this.fitUntil = 0;
      });
      void tick().then(() =>
        this.grid?.querySelector(`[data-testid="panel-${back}"]`)?.scrollIntoView({ block: 'nearest' }),
      );
    });
    $effect(() => {
      const resize = (): void => {
        if (this.panels) this.refit();
      };
      window.addEventListener('resize', resize);
      return () => {
        window.removeEventListener('resize', resize);
        this.stopWalk();
      };
    });
  }

  /** Exactly the scene's panels shown (each at its default size), then fitted into the workspace. */
  stage(panels: LessonPanel[], variant: number, spare: LessonPanel[] = []): void {
    this.stopWalk();
    this.spare = [...spare];
    this.spared = [];
    const layout = this.studio.layout();
    Object.assign(layout.panels, scenePanels(layout.panels, panels));
    this.panels = [...panels];
    this.chainFit = NATURAL_CHAIN;
    this.chainFirst = variant;
    this.refit();
  }

  /** The lesson closed: the panels keep their sizes, and are no longer refitted. */
  end(): void {
    this.panels = null;
    this.spared = [];
    this.chainFit = NATURAL_CHAIN;
    this.stopWalk();
  }

  /** Refits the lesson's panels for the next few seconds (`ms`), while their drawings settle. */
  refit(ms = 3000): void {
    this.fitUntil = Math.max(this.fitUntil, performance.now() + ms);
    void tick().then(() => requestAnimationFrame(this.fit));
  }

  /** Sub-steps walked one by one from step 0 (forward, loss, backward, update), then step 1. */
  walkSubSteps(): void {
    const transport = this.studio.transport;
    this.stopWalk();
    transport.pause();
    transport.setSubSteps(true);
    transport.home();
    const WALK_MS = 900;
    const next = (): void => {
      if (transport.frame === 0 && transport.sub < 3) {
        transport.stepSub(1);
        this.walkTimer = setTimeout(next, WALK_MS);
      } else {
        this.walkTimer = null;
        // The step done: step 1, the update of step 0 shown whole.
        transport.seek(1);
        transport.sub = 3;
      }
    };
    this.walkTimer = setTimeout(next, WALK_MS);
  }

  private stopWalk(): void {
    if (this.walkTimer) clearTimeout(this.walkTimer);
    this.walkTimer = null;
  }

  /** The lesson's panels fully in the workspace (see `fitHeights` and `shrinkChain`). */
  private fit = (): void => {
    const { panels, workspace, grid } = this;
    if (!panels || !workspace || !grid || this.studio.focused() !== null) return;
    workspace.scrollTop = 0;
    const ws = workspace.getBoundingClientRect();
    const bottom = ws.bottom - parseFloat(getComputedStyle(workspace).paddingBottom || '0');
    const excess = grid.getBoundingClientRect().bottom - bottom;
    if (Math.abs(excess) < 2) return;
    // Rows by their top edge; a row can give room only through its adjustable panels.
    const rows: Record<number, PanelId[]> = {};
    for (const id of panels) {
      const el = grid.querySelector<HTMLElement>(`[data-testid="panel-${id}"]`);
      if (!el) continue;
      const top = Math.round(el.getBoundingClientRect().top);
      rows[top] = [...(rows[top] ?? []), id];
    }
    const layout = this.studio.layout();
    const heights = fitHeights(Object.values(rows), (id) => layout.panels[id].height, excess);
    for (const [id, height] of Object.entries(heights) as [PanelId, number][])
      layout.panels[id] = { ...layout.panels[id], height };
    // Heights that change no box (a row as tall as its other panel's) would wait for a resize that never comes.
    if (Object.keys(heights).length > 0 && performance.now() < this.fitUntil) requestAnimationFrame(this.fit);
    // Still too tall with every resizable drawing at its smallest (or none): the chain diagrams give room.
    const changed = Object.keys(heights).length > 0;
    let shrunk: ChainFit | null = null;
    if (!changed && panels.includes('chain')) {
      const drawn = [...grid.querySelectorAll('[data-testid="panel-chain"] .canvas')];
      const tall = Math.max(0, ...drawn.map((c) => c.getBoundingClientRect().height));
      shrunk = shrinkChain(this.chainFit, excess, tall, Math.max(1, this.studio.variants()));
      if (shrunk) this.chainFit = shrunk;
    }
    // Nothing else gives: the scene's spare panels are left out, one at a time (a click brings each back).
    const next = this.spare.find((id) => !this.spared.includes(id) && layout.panels[id].visible);
    if (!changed && !shrunk && excess > 2 && next) {
      layout.panels[next] = { ...layout.panels[next], visible: false };
      this.spared = [...this.spared, next];
    }
  };
}
