// The simulated clock as people read it: day and time of day.
export function clockText(minutes: number): string {
  const day = Math.floor(minutes / 1440);
  const rest = Math.round(minutes - day * 1440);
  const hh = String(Math.floor(rest / 60)).padStart(2, '0');
  const mm = String(rest % 60).padStart(2, '0');
  return `day ${day}, ${hh}:${mm}`;
}
