/**
 * What the studio's panels draw now: the presentation layer (src/draw/present.ts)
 * over the simulation's streamed tracks, the transport's frame and the view's
 * choices, each panel at its own pace while playing — the data views every
 * frame, the status ten times a second, the chain diagrams at most 30 times a second, the loss
 * surfaces and unit plots four times a second — so that playback keeps its
 * 60 fps. The exports build the same inputs with the same functions
 * (`buildView`); only the pacing is the screen's.
 */
import { untrack } from 'svelte';
import type { ChainView } from '../../../core/chain';
import type { SurfaceRequest } from '../../../core/surfaceHost';
import type { CurvesInput } from '../../../draw/curves';
import {
  chainView,
  curvesInput,
  dataRanges,
  matches,
  type RunSource,
  SURFACE_SIZE,
  playingSurfaceSize,
  type SurfaceData,
  surfaceData,
  surfaceGradient,
  surfaceJob,
  surfaceRange,
  unitsInput,
  type VariantFrame,
  variantFrame,
  variantModels,
  type ViewSource,
  worstExample,
} from '../../../draw/present';
import type { TimelineMark } from '../../../draw/timeline';
import type { UnitPlotsInput } from '../../../draw/units';
import type { FrameJob } from '../../../draw/frameHost';
import type { SimulationClient } from '../sim/client.svelte';
import { FrameClient, MAX_SPACING } from '../sim/frames.svelte';
import { SurfaceClient } from '../sim/surfaces.svelte';
import type { Layout } from './layout';
import { MAX_SPEED_TICKS, type Transport } from './transport.svelte';
import type { ViewChoices } from './viewChoices.svelte';
import { chainCost, FramePressure, trainingDuty } from './cost';
import type { Later } from './frameLoop';
import { Soon } from './soon';
import { StandInBadge } from './standIn';

/** The loss surfaces and unit plots follow playback this often (ms). */
const HEAVY_MS = 250;
/**
 * The status table follows playback this often (ms): ten times a second its numbers can be read,
 * sixty they could not, and each time some twenty cells are rewritten and the table laid out again.
 */
const STATUS_MS = 100;
/**
 * The chain diagrams follow playback at most this often (ms): half of them on one animation frame
 * and half on a later one, or one at a time when a diagram is costly (`chainsPerTick`), so no
 * frame draws them all.
 */
const CHAIN_PLAYING_MS = 33;
/**
 * The share of the page's time the chain diagrams may take while playing: large networks' diagrams
 * (a 2-32-32-1 one takes some 5 ms to lay out and draw) move less often than every 33 ms.
 */
const CHAIN_SHARE = 0.15;
/** A chain diagram drawn in more than this (ms) moves alone on its animation frame while playing. */
const CHAIN_HEAVY_MS = 4;
/**
 * Following the training, the chain diagrams move this often (ms; half of them at a time): a
 * diagram's layout is the page's biggest producer of garbage, and the numbers change too fast to read.
 */
const CHAIN_WAITING_MS = 250;
/** Waiting at a frame not trained yet, the panels follow the training this often (ms). */
const WAIT_SYNC_MS = 100;
/** Two cores or fewer: while playing, the page keeps one to itself. */
const FEW_CORES = (globalThis.navigator?.hardwareConcurrency ?? 1) <= 2;
/** The share of a core the surface worker takes while playing on few cores (the frame workers take about half). */
const PLAYING_SURFACE_DUTY = 0.3;
/** The share of their time the frame workers are asked to compute on few cores (with the surfaces, a core). */
const PLAYING_FRAMES_SHARE = 0.5;
/** Frames asked of the frame workers ahead of the playhead while playing. */
const AHEAD_FRAMES = 30;

export class StudioView {
  readonly surfaces = new SurfaceClient();
  /** Throttled copy of the simulation's version for the curves (Chart.js re-renders at most a few times a second). */
  curvesVersion = $state(0);

  readonly data = $derived.by(() => this.simulation.data);
  readonly models = $derived.by(() =>
    this.simulation.experiment && this.data ? variantModels(this.simulation.experiment, this.data.dims) : [],
  );
  readonly nets = $derived.by(() => this.models.map((m) => m.net));
  /** The inputs' names when the data is a table (its feature columns). */
  readonly inputNames = $derived.by(() =>
    this.simulation.experiment?.data.kind === 'table' ? this.simulation.experiment.data.features : undefined,
  );
  /** The run source of the presentation layer: each variant's network over its streamed track. */
  readonly source = $derived.by((): ViewSource | null => {
    void this.simulation.loads;
    const data = this.data;
    if (!data) return null;
    const runs: RunSource[] = [];
    for (const [k, m] of this.models.entries()) {
      const history = this.simulation.tracks[k];
      if (!history) break;
      runs.push({ variant: m.variant, net: m.net, history });
    }
    return {
      data: { ...data, names: this.inputNames },
      runs,
      steps: this.simulation.experiment?.steps ?? 0,
    };
  });
  readonly ranges = $derived.by(() => (this.data ? dataRanges(this.data) : null));
  /** The frame each track shows; a string so that it only changes when one of them does. */
  private readonly shownKey = $derived.by(() => {
    void this.simulation.version;
    const t = this.transport.shown;
    return this.simulation.tracks.map((tr) => Math.min(t, tr.length - 1)).join(',');
  });
  readonly frames = $derived.by((): (VariantFrame | null)[] => {
    const key = this.shownKey.split(',').map(Number);
    const source = this.source;
    const ranges = this.ranges;
    const experiment = this.simulation.experiment;
    if (!source || !ranges || !experiment) return [];
    void this.frameClient.version;
    this.frameClient.ensure(source, experiment, source.data, ranges);
    // Playing (or following the training), a frame not computed yet is stood in for by the nearest
    // one the workers have computed; stopped, every frame is the playhead's.
    // Following the training, the nearest frame computed at all: the training moves on faster than
    // the workers could compute the frames at its front.
    const within = this.waiting ? Infinity : this.transport.playing ? this.standIn() : 0;
    if (this.heldFor !== source) {
      this.heldFor = source;
      this.held = [];
    }
    const next = this.models.map((_, k) => {
      const run = source.runs[k];
      if (!run || !matches(run) || key[k] < 0) return null;
      const got = this.frameClient.pick(k, key[k], within);
      const kept = this.held[k];
      let f: VariantFrame;
      // The frame built last is built once: the same stand-in picked on the next animation frame is
      // the same object, so no panel redraws it.
      if (got && kept && kept.step === got.step) f = kept;
      else if (got) f = variantFrame(run, source.data, ranges, got.step, {}, got.computed);
      else if (within > 0 && this.frameClient.ahead && kept) {
        // Nothing computed near the playhead yet: the frame shown last stays (a forward pass over
        // the data and the grid here, in a frame, is what made heavy playback stutter).
        f = kept;
      } else {
        f = variantFrame(run, source.data, ranges, key[k]);
        this.frameClient.put(k, key[k], { details: f.details, grid: f.grid });
      }
      this.held[k] = f;
      if (!this.badge.shows(k, f.step !== key[k], within > 0)) return f;
      let standIn = this.standIns.get(f);
      if (!standIn) this.standIns.set(f, (standIn = { ...f, standsIn: true }));
      return standIn;
    });
    // The same frames as on the last animation frame (a stand-in stays for several): the same array,
    // so that nothing depending on the frames is recomputed or redrawn.
    const last = this.lastFrames;
    if (last.length === next.length && next.every((f, k) => f === last[k])) return last;
    this.lastFrames = next;
    return next;
  });
  private lastFrames: (VariantFrame | null)[] = [];
  /** Whether each data view says it shows a stand-in (half a second after the last, while playing). */
  private readonly badge = new StandInBadge(30);
  /** Each frame shown as a stand-in, marked so (one object per frame, kept while the frame is). */
  private readonly standIns = new WeakMap<VariantFrame, VariantFrame>();
  /** Per variant, the frame shown last (of `heldFor`'s runs): it stands in while nothing nearer is computed. */
  private held: (VariantFrame | undefined)[] = [];
  private heldFor: ViewSource | null = null;
  /** Frames computed off the page ahead of the playhead (the data view's forward pass and grid). */
  readonly frameClient = new FrameClient();
  /** Steps the playhead moves per animation frame (at 60 a second). */
  private stride(): number {
    const t = this.transport;
    return t.speed === Infinity
      ? Math.max(1, Math.ceil((t.last + 1) / MAX_SPEED_TICKS))
      : Math.max(1, t.speed / 60);
  }
  /** How far (in steps) a stand-in may be from the frame it stands in for: half a second of playback. */
  private standIn(): number {
    return Math.max(8, Math.ceil(this.stride() * 30));
  }
  /** While playing, the frames of the next half second are asked of the workers (those not here yet). */
  private askAhead(): void {
    const t = this.transport;
    const source = untrack(() => this.source);
    if (!this.frameClient.ahead) return;
    if (!source || !(t.playing || t.frame >= t.available)) {
      this.frameClient.want(0, -1, []);
      return;
    }
    const stride = this.stride();
    const jobs: FrameJob[] = [];
    const end = Math.min(t.last, t.available - 1);
    const from = t.shown;
    let to = from;
    // Frames the workers can compute in time: when they cannot keep up with one per animation frame
    // for every variant, every `gap`-th step (steps on a fixed lattice per variant, so that the next
    // animation frame asks for the same ones), and the nearest computed frame stands in between.
    const gap = Math.max(
      1,
      Math.round(
        stride *
          this.frameClient.spacing(
            source.runs.length,
            60,
            (FEW_CORES ? PLAYING_FRAMES_SHARE : 0.8) * this.pressure.level,
            Math.min(AHEAD_FRAMES, Math.ceil(MAX_SPACING / this.pressure.level)),
          ),
      ),
    );
    // Each variant on a lattice of its own, shifted by a share of the gap: their stand-ins change on
    // different animation frames, so no frame redraws every data view at once.
    const runs = source.runs.length;
    for (let i = 0; i * gap < AHEAD_FRAMES * stride; i++) {
      source.runs.forEach((run, k) => {
        const shift = Math.floor((k * gap) / runs);
        const step = (Math.ceil((from - shift) / gap) + i) * gap + shift;
        if (step > end) return;
        to = Math.max(to, step);
        if (!matches(run) || step >= run.history.length || this.frameClient.known(k, step)) return;
        jobs.push({ variant: k, step, params: run.history.paramsAt(step) });
      });
    }
    this.frameClient.want(from, to, jobs);
  }
  /**
   * The frames the heaviest panels (loss surface, unit plots) draw: the current ones when stopped,
   * four times a second while playing.
   */
  heavyFrames = $state.raw<(VariantFrame | null)[]>([]);
  /**
   * The frames the chain diagrams draw: the current ones when stopped (a task or two after the
   * playhead moved: `chainsSoon`); while playing, at most
   * 30 times a second (their numbers cannot be read faster, and every redraw of four diagrams
   * costs the page a good part of a frame); while waiting for training to reach the playhead,
   * one animation frame after the data views (the two heaviest updates then fall in different frames).
   */
  chainFrames = $state.raw<(VariantFrame | null)[]>([]);
  /** The frames of the status table: the current ones when stopped, ten times a second while playing. */
  private statusFrames = $state.raw<(VariantFrame | null)[]>([]);
  /** The status table's frames that belong to the current networks (null: none yet). */
  readonly status = $derived.by(() => this.models.map((_, k) => this.current(this.statusFrames[k], k)));
  readonly waiting = $derived.by(() => this.transport.frame >= this.transport.available);

  /** The worst-classified example at frame 0 of the first variant, computed once per experiment. */
  private worstCache: { experiment: unknown; index: number } | null = null;
  readonly worst = $derived.by(() => {
    void this.simulation.version;
    const exp = this.simulation.experiment;
    if (this.worstCache && this.worstCache.experiment === exp) return this.worstCache.index;
    const source = this.source;
    if (!exp || !source || !source.runs[0] || source.runs[0].history.length === 0) return -1;
    const index = worstExample(source);
    if (index >= 0) this.worstCache = { experiment: exp, index };
    return index;
  });
  readonly chainExample = $derived.by(() => this.choices.example(this.worst));

  readonly chains = $derived.by((): (ChainView | null)[] => {
    const source = this.source;
    if (!this.layout().panels.chain.visible || !source) return [];
    // The deferred frames when they are one per variant (a diagram whose frame is of another network draws nothing).
    const frames = this.chainFrames.length === this.models.length ? this.chainFrames : this.frames;
    const example = this.chainExample;
    return this.models.map((m, k) => {
      const f = frames[k];
      const run = source.runs[k];
      return f &&
        run &&
        f.params.length === m.net.paramCount &&
        (example >= 0 || this.choices.chainMode === 'mean')
        ? this.chainOf(run, source.data, f, example)
        : null;
    });
  });
  /** Each variant's chain view for the frame it was computed at (a diagram not moved keeps its view). */
  private readonly chainMemo = new WeakMap<Float64Array, { example: number; view: ChainView }>();
  private chainOf(run: RunSource, data: ViewSource['data'], f: VariantFrame, example: number): ChainView {
    const known = this.chainMemo.get(f.params);
    if (known && known.example === example) return known.view;
    const view = chainView(run, data, f, example);
    this.chainMemo.set(f.params, { example, view });
    return view;
  }
  readonly chainAnim = $derived.by(() =>
    this.transport.subSteps
      ? {
          phase: this.transport.sub as 0 | 1 | 2 | 3,
          t: this.transport.animate ? this.transport.progress : 1,
        }
      : { phase: 3 as const, t: 1 },
  );

  /** The frames of the heavy panels that belong to the current networks (null: wait for them). */
  private heavy(k: number): VariantFrame | null {
    return this.current(this.heavyFrames[k], k);
  }

  /** Variant k's frame `f` if it belongs to the current network and data (a deferred one may not), else null. */
  private current(f: VariantFrame | null | undefined, k: number): VariantFrame | null {
    const m = this.models[k];
    const n = this.data?.n ?? 0;
    return f && m && f.params.length === m.net.paramCount && f.details.yhat.length === n * f.details.width
      ? f
      : null;
  }

  readonly unitInputs = $derived.by((): (UnitPlotsInput | null)[] => {
    const source = this.source;
    if (!this.layout().panels.units.visible || !source) return [];
    const naive = this.choices.naive;
    const example = this.chainExample;
    return this.models.map((_, k) => {
      const f = this.heavy(k);
      const run = source.runs[k];
      return f && run ? unitsInput(run, source.data, f, example, naive) : null;
    });
  });

  /**
   * ∂J/∂θ over the whole training set at each variant's surface frame (the surface's −∇J arrow):
   * computed once per frame shown, not again for every surface the worker sends back.
   */
  private readonly surfaceGradients = $derived.by((): (Float64Array | null)[] => {
    const source = this.source;
    if (!this.layout().panels.surface.visible || !source) return [];
    return this.models.map((_, k) => {
      const f = this.heavy(k);
      const run = source.runs[k];
      return f && run ? surfaceGradient(run, source.data, f) : null;
    });
  });

  private experimentId = 0;
  private lastExperiment: unknown = null;
  /** The surfaces the worker is asked for, and each variant's drawing (the grid once it has come). */
  readonly surfaceState = $derived.by((): { views: (SurfaceData | null)[]; requests: SurfaceRequest[] } => {
    // Ranges follow the training a few times a second (with the curves), not on every message.
    void this.curvesVersion;
    const exp = this.simulation.experiment;
    if (exp !== this.lastExperiment) {
      this.lastExperiment = exp;
      this.experimentId++;
    }
    const source = this.source;
    if (!this.layout().panels.surface.visible || !source || !exp) return { views: [], requests: [] };
    const playing = this.transport.playing;
    const n = source.data.n;
    const requests: SurfaceRequest[] = [];
    const log = this.choices.surfaceLog;
    const views = this.models.map((_, k): SurfaceData | null => {
      const run = source.runs[k];
      const f = this.heavy(k);
      if (!run || !f || run.history.length === 0 || !matches(run) || f.step >= run.history.length)
        return null;
      const pair = this.choices.pair(this.nets, k);
      const ranges = { p: surfaceRange(run.history, pair[0]), q: surfaceRange(run.history, pair[1]) };
      const size = playing ? playingSurfaceSize(n, run.net.paramCount) : SURFACE_SIZE;
      const job = surfaceJob(run, source.data, f, pair, size, ranges);
      const key = `${this.experimentId}|${k}|${job.key}`;
      requests.push({ key, spec: job.spec, ...(job.step !== null ? { step: job.step } : {}) });
      const g = this.surfaceGradients[k];
      if (!g) return null;
      void this.surfaces.version;
      // The full grid where it is here already (a coarse one while playing, or while it comes).
      const full = this.surfaces.get(
        `${this.experimentId}|${k}|${surfaceJob(run, source.data, f, pair, SURFACE_SIZE, ranges).key}`,
      );
      const grid = full ?? this.surfaces.get(key);
      if (grid || !playing || run.net.paramCount === 2) return surfaceData(run, f, pair, grid, g, log);
      // Playing, with none computed at this frame yet: the one computed last for this pair stands in.
      const last = this.surfaces.latest(`${this.experimentId}|${k}|${pair[0]}|${pair[1]}|`);
      const at = last?.step;
      return {
        ...surfaceData(run, f, pair, last?.grid ?? null, g, log),
        ...(at !== undefined && at !== f.step ? { surfaceStep: at } : {}),
      };
    });
    return { views, requests };
  });

  readonly marks = $derived.by((): TimelineMark[] => {
    void this.simulation.version;
    return this.simulation.tracks.flatMap((tr, k) =>
      tr
        .markers()
        .map((m) => ({ step: m.step, state: m.state, color: this.models[k]?.variant.color ?? '#888' })),
    );
  });
  readonly curves = $derived.by((): CurvesInput => {
    void this.curvesVersion;
    const source = this.source;
    return curvesInput(source?.runs ?? [], source?.steps ?? 0, null, this.curvesVersion);
  });

  private curvesTimer: ReturnType<typeof setTimeout> | null = null;
  private last = 0;
  private lastSync = 0;
  private lastHeavy = 0;
  private lastStatus = 0;
  private lastChain = 0;
  private chainNext = 0;
  /** Whether the last animation frame was played (its interval then counts for `pressure`). */
  private wasPlaying = false;
  /**
   * Dropped frames while playing ask less of the workers and the costliest panels (the frame and
   * surface workers' shares, the chain diagrams' and the surfaces' pace): the page's frames first.
   */
  readonly pressure = new FramePressure();
  /** The share of a core the surface worker may take now. */
  private surfaceDuty(): number {
    return this.transport.playing ? (FEW_CORES ? PLAYING_SURFACE_DUTY : 1) * this.pressure.level : 1;
  }

  private get simulation(): SimulationClient {
    return this.sim();
  }

  constructor(
    /** The simulation client (the studio's, for as long as it lives). */
    private readonly sim: () => SimulationClient,
    private readonly transport: Transport,
    private readonly choices: ViewChoices,
    private readonly layout: () => Layout,
    /** The experiment's last step when the simulation has none yet. */
    private readonly steps: () => number,
  ) {
    $effect(() => {
      const f = this.frames;
      if (!this.transport.playing) {
        this.statusFrames = f;
        this.heavySoon.ask();
      }
    });
    $effect(() => {
      void this.frames;
      if (!this.waiting && !this.transport.playing) this.chainsSoon.ask();
    });
    $effect(() => {
      this.surfaces.want(this.surfaceState.requests, this.transport.playing);
    });
    // The surfaces' second thread works only when no training competes for the cores, and not
    // while playing: the page then needs a core for its frames. On two cores or fewer the surface
    // worker itself takes at most a share of the other core while playing, beside the frame workers.
    $effect(() => this.surfaces.helping(this.simulation.done && !this.transport.playing));
    $effect(() => this.surfaces.pace(this.surfaceDuty()));
    // On two cores or fewer the training, ahead of the playhead, leaves the page room to play.
    $effect(() =>
      this.simulation.pace(
        trainingDuty(FEW_CORES, this.transport.playing, this.waiting, this.simulation.workerCount),
      ),
    );
    // A new experiment: at once.
    $effect(() => {
      void this.simulation.experiment;
      this.syncBounds();
    });
    // A new experiment keeps the frame number; a selection beyond the data is dropped.
    $effect(() => {
      if (this.data && untrack(() => this.choices.selected) >= this.data.n) this.choices.selected = -1;
    });
    // Curves: re-rendered at most every 250 ms while training, and at once when it is done.
    $effect(() => {
      void this.simulation.version;
      if (this.simulation.done) {
        if (this.curvesTimer) clearTimeout(this.curvesTimer);
        this.curvesTimer = null;
        untrack(() => this.curvesVersion++);
      } else if (!this.curvesTimer) {
        this.curvesTimer = setTimeout(() => {
          this.curvesTimer = null;
          this.curvesVersion++;
        }, 250);
      }
    });
  }

  /** The transport learns of newly trained frames once per animation frame (not per message). */
  syncBounds(): void {
    const last = this.simulation.experiment?.steps ?? this.steps();
    // Once every run is done (some may have diverged early), every frame up to the last can be shown.
    untrack(() =>
      this.transport.setBounds(last, this.simulation.done ? last + 1 : this.simulation.available),
    );
  }

  /**
   * One animation frame: the transport moves, and each panel's frames follow at their pace; returns
   * the panels' updates for later tasks of the frame (see frameLoop).
   */
  tick(now: number): Later {
    const transport = this.transport;
    if (this.last === 0) this.last = now;
    // Waiting at a frame not trained yet, the panels follow the training ten times a second, not sixty.
    const waitingNow = transport.frame >= transport.available;
    if (!waitingNow || now - this.lastSync >= WAIT_SYNC_MS) {
      this.syncBounds();
      this.lastSync = now;
    } else if (now - this.lastChain >= CHAIN_WAITING_MS / 2 && this.chainsBehind()) {
      // A costly diagram alone on its animation frame: the training shares the cores with the page.
      this.followChains(this.chainsPerTick());
      this.lastChain = now;
    }
    // Frame intervals while playing (not the first after a pause, nor while waiting for training).
    const counted = transport.playing && !waitingNow;
    if (counted && this.wasPlaying) {
      this.pressure.note(now - this.last);
      this.surfaces.pace(this.surfaceDuty());
    } else if (!counted && this.wasPlaying) this.pressure.pause();
    this.wasPlaying = counted;
    transport.tick(now - this.last);
    untrack(() => {
      this.askAhead();
      this.frameClient.sync();
    });
    // The panels due less often than every frame follow in tasks of their own after this one
    // (frameLoop), so that the data views' drawing shares no task with theirs. The heavy panels
    // first when they are due, the chain diagrams on another animation frame: the two heaviest
    // updates never meet, and the chains (due every frame when cheap) never hold the surfaces back.
    const later: (() => void)[] = [];
    if (transport.playing && now - this.lastHeavy >= HEAVY_MS / this.pressure.level) {
      later.push(() => {
        this.heavyFrames = this.frames;
        this.lastHeavy = now;
      });
    } else if (
      transport.playing &&
      !waitingNow &&
      now - this.lastChain >=
        chainCost.interval(this.chainsPerTick(), CHAIN_SHARE * this.pressure.level, CHAIN_PLAYING_MS / 2) &&
      this.chainsBehind()
    ) {
      later.push(() => {
        this.followChains(this.chainsPerTick());
        this.lastChain = now;
      });
    }
    if (transport.playing && now - this.lastStatus >= STATUS_MS) {
      later.push(() => {
        this.statusFrames = this.frames;
        this.lastStatus = now;
      });
    }
    this.last = now;
    return later;
  }

  /**
   * Stopped, the heavy panels follow the frames in a task of their own, right after the one that
   * moved the playhead: a pause or a jump then draws the data views in one task and the surfaces and
   * unit plots in the next, not all of them in the task of the key press.
   */
  private readonly heavySoon = new Soon(() => {
    if (!this.transport.playing) this.heavyFrames = this.frames;
  });
  /**
   * Stopped, the chain diagrams follow the frames in tasks of their own after the one that moved
   * the playhead, as many per task as while playing (a pause drew all four in the key press's task).
   */
  private readonly chainsSoon: Soon = new Soon(() => {
    if (this.transport.playing || this.waiting) return;
    this.followChains(this.chainsPerTick());
    if (this.chainsBehind()) this.chainsSoon.ask();
  });

  /** Whether some chain diagram does not show its variant's current frame. */
  private chainsBehind(): boolean {
    const frames = this.frames;
    const chains = this.chainFrames;
    return chains.length !== frames.length || frames.some((f, k) => f !== chains[k]);
  }

  /**
   * How many chain diagrams move on one animation frame while playing: half of them, or one at a
   * time when a diagram costs more than a quarter of a frame (a 2-32-32-1 network's).
   */
  private chainsPerTick(): number {
    const n = this.models.length;
    return chainCost.ms > CHAIN_HEAVY_MS ? 1 : Math.max(1, Math.ceil(n / 2));
  }

  /** `count` chain diagrams, those after the ones moved last, move to the current frames (in turn). */
  private followChains(count: number): void {
    const frames = this.frames;
    const n = frames.length;
    if (this.chainFrames.length !== n || n === 0) {
      this.chainFrames = frames;
      return;
    }
    const start = this.chainNext % n;
    const moved = (k: number): boolean => (k - start + n) % n < count;
    this.chainFrames = frames.map((f, k) => (moved(k) ? f : this.chainFrames[k]));
    this.chainNext = (start + count) % n;
  }

  dispose(): void {
    this.surfaces.dispose();
    this.frameClient.dispose();
    if (this.curvesTimer) clearTimeout(this.curvesTimer);
    this.heavySoon.cancel();
    this.chainsSoon.cancel();
  }
}
