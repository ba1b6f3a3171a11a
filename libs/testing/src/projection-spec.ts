/**
 * given(events) / when(event) / then(update | nothing), for pure projections:
 * what deciderSpec is for deciders. `given` builds the stored view with the
 * projection's own rules, so a spec states history, not documents.
 */
export interface Projection<Event, View, Update> {
  /** What one event does to the stored view (null: none yet). */
  project(event: Event, current: View | null): Update;
  /** The view after one event, as the store would hold it. */
  apply(view: View | null, event: Event): View | null;
}

export function projectionSpec<Event, View, Update>(projection: Projection<Event, View, Update>) {
  return {
    given(events: Event[] = []) {
      const view = events.reduce<View | null>(projection.apply, null);
      return {
        when(event: Event) {
          return {
            then(expected: Update) {
              expect(projection.project(event, view)).toEqual(expected);
            },
            thenView(expected: View | null) {
              expect(projection.apply(view, event)).toEqual(expected);
            },
          };
        },
        /** Delivers events again (at-least-once): the view must come out as it went in. */
        whenReplayed(replayed: Event[]) {
          return {
            thenUnchanged() {
              expect(view).not.toBeNull();
              expect(replayed.reduce<View | null>(projection.apply, view)).toEqual(view);
            },
          };
        },
      };
    },
  };
}
