// VirtualService destinations: where a route sends traffic, with weights and header edits.
import { z } from 'zod';
import { stringMap } from '../../k8s/meta';
import { PortSelector, host, subsetName } from '../common';

export const Destination = z.looseObject({
  host,
  subset: subsetName.optional(),
  port: PortSelector.optional(),
});
export type Destination = z.infer<typeof Destination>;

const HeaderOperations = z.looseObject({
  set: stringMap.optional(),
  add: stringMap.optional(),
  remove: z.array(z.string()).optional(),
});

/** Headers (Istio name): request/response set, add, remove. */
export const RouteHeaders = z.looseObject({
  request: HeaderOperations.optional(),
  response: HeaderOperations.optional(),
});
export type RouteHeaders = z.infer<typeof RouteHeaders>;

export const weight = z
  .number()
  .int({ error: (iss) => `weight ${String(iss.input)} must be a whole number` })
  .min(0, { error: (iss) => `weight ${String(iss.input)} is out of range: must be between 0 and 100` })
  .max(100, { error: (iss) => `weight ${String(iss.input)} is out of range: must be between 0 and 100` });

/** HTTPRouteDestination: destination, weight, per-destination header edits. */
export const HTTPRouteDestination = z.looseObject({
  destination: Destination,
  weight: weight.optional(),
  headers: RouteHeaders.optional(),
});
export type HTTPRouteDestination = z.infer<typeof HTTPRouteDestination>;

/** RouteDestination (tcp and tls routes): destination and weight. */
export const RouteDestination = z.looseObject({
  destination: Destination,
  weight: weight.optional(),
});
export type RouteDestination = z.infer<typeof RouteDestination>;

/**
 * Adds an issue at `route` when a route with more than one destination has weights that do not sum
 * to 100 (an unset weight counts as 0). A single destination implicitly gets 100.
 * Defensive about its input: it also runs when other fields of the route are invalid (see WEIGHTS_CHECK).
 */
export function checkRouteWeights(route: unknown, ctx: z.RefinementCtx): void {
  if (!Array.isArray(route) || route.length < 2) return;
  const sum = route.reduce<number>((total, d: unknown) => {
    const w = typeof d === 'object' && d !== null ? (d as { weight?: unknown }).weight : undefined;
    return total + (typeof w === 'number' ? w : 0);
  }, 0);
  if (sum !== 100) {
    ctx.addIssue({
      code: 'custom',
      path: ['route'],
      message: `the weights of the ${route.length} destinations must sum to 100, but they sum to ${sum}`,
    });
  }
}

/**
 * Refinement options so the weight sum is reported together with other problems of the same route
 * (zod skips refinements of an object with an invalid field unless told otherwise); still skipped
 * when the route itself is not an object.
 */
export const WEIGHTS_CHECK = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};
