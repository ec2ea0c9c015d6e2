/**
 * A function run in a task of its own soon after it is asked for: asks before it runs are one run
 * (it reads the state it needs when it runs). `cancel` drops a run asked for and not yet made.
 */
export class Soon {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly run: () => void) {}

  ask(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, 0);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
