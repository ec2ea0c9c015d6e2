/**
 * When a data view says that a nearby frame stands in for the playhead's. Playing on a lattice of
 * computed frames, the playhead meets one of them now and then: said frame by frame, the badge came
 * and went several times a second (a flicker, and a node added and removed each time). It stays on
 * through those until `hold` frames in a row were the playhead's own; stopped, it goes at once.
 */
export class StandInBadge {
  /** Per variant, how many frames in a row were the playhead's own while playing. */
  private exact: number[] = [];

  constructor(private readonly hold: number) {}

  /**
   * Whether variant k's frame is shown as a stand-in: `standsIn` whether it is one, `playing` whether
   * stand-ins are allowed now (playing or following the training).
   */
  shows(k: number, standsIn: boolean, playing: boolean): boolean {
    if (standsIn) {
      this.exact[k] = 0;
      return true;
    }
    this.exact[k] = playing ? (this.exact[k] ?? this.hold) + 1 : this.hold;
    return this.exact[k] < this.hold;
  }
}
