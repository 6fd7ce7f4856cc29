/**
 * The new-ticket chime. Browsers allow sound only after a person touched the page, so the screen asks for one tap
 * and makes its AudioContext then.
 */
export class Chime {
  private context: AudioContext | null = null;

  get enabled(): boolean {
    return this.context !== null;
  }

  enable(): void {
    this.context ??= new AudioContext();
    void this.context.resume();
  }

  /** Two short tones, loud enough over a kitchen's noise. */
  play(): void {
    const context = this.context;
    if (!context) return;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 1320],
    ]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.6, context.currentTime + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + offset + 0.16);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(context.currentTime + offset);
      oscillator.stop(context.currentTime + offset + 0.17);
    }
  }
}
