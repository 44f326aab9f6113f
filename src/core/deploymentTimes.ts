// When a running deployment's next growth step and the end of its bake are due, from the strategy's figures
// and the start time alone (AWS reports neither). Steps are spread evenly over the deployment duration, the
// first one interval after the start (documented for LINEAR, assumed for EXPONENTIAL); LINEAR adds the growth
// factor each step, EXPONENTIAL doubles it.
// Once the first step has happened its time calibrates the rest, so an endpoint whose clock runs faster than
// the figures say (an emulator's time scale) still gets true due times.
const MINUTE = 60_000;

export interface DeploymentFigures {
  startedAt: number;
  durationMinutes: number;
  growthType: 'LINEAR' | 'EXPONENTIAL';
  growthFactor: number;
  finalBakeMinutes: number;
}

export interface DeploymentTimes {
  /** When the next percentage step is due; undefined once the last step has happened. */
  nextStepAt?: number;
  /** The percentage that step brings. */
  nextStepPercent?: number;
  /** When the deployment reaches 100% and bake time starts. */
  bakeStartsAt: number;
  bakeEndsAt: number;
}

/** The percentages of each step, ending at 100. */
export function growthSteps(growthType: DeploymentFigures['growthType'], factor: number): number[] {
  const steps: number[] = [];
  if (!(factor > 0)) return [100];
  for (let k = 1; steps.at(-1) !== 100; k++) {
    const p = growthType === 'EXPONENTIAL' ? factor * 2 ** (k - 1) : factor * k;
    // Rounded so 3 × 33.3 does not stop a hair under 100 and loop forever.
    steps.push(Math.min(100, Math.round(p * 1e9) / 1e9));
  }
  return steps;
}

/**
 * Due times as of `now` for a deployment that is still deploying or baking. `firstStepAt`: when the event
 * log says the first percentage step happened, if it has.
 */
export function deploymentTimes(
  f: DeploymentFigures,
  now: number,
  firstStepAt?: number,
): DeploymentTimes {
  const steps = growthSteps(f.growthType, f.growthFactor);
  const nominal = (f.durationMinutes * MINUTE) / steps.length;
  const observed = firstStepAt === undefined ? 0 : firstStepAt - f.startedAt;
  const scale = nominal > 0 && observed > 0 ? observed / nominal : 1;
  const duration = f.durationMinutes * MINUTE * scale;
  const bakeStartsAt = f.startedAt + duration;
  const bakeEndsAt = bakeStartsAt + f.finalBakeMinutes * MINUTE * scale;
  if (duration === 0) return { bakeStartsAt, bakeEndsAt };
  const interval = duration / steps.length;
  for (let i = 0; i < steps.length; i++) {
    const at = f.startedAt + (i + 1) * interval;
    if (at > now) return { nextStepAt: at, nextStepPercent: steps[i]!, bakeStartsAt, bakeEndsAt };
  }
  return { bakeStartsAt, bakeEndsAt };
}
