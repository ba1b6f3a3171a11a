/**
 * given(events) / when(command) / then(events | error), for pure deciders
 * (the style of oskardudycz/EventSourcing.NodeJS).
 */
export interface Decider<Command, Event, Decided, State> {
  decide(command: Command, state: State): Decided[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

export function deciderSpec<Command, Event, Decided, State>(decider: Decider<Command, Event, Decided, State>) {
  return {
    given(events: Event[] = []) {
      const state = events.reduce(decider.evolve, decider.initialState);
      return {
        when(command: Command) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: Decided[]) {
              expect(run()).toEqual(expected);
            },
            thenThrows(code: string) {
              let error: unknown;
              try {
                run();
              } catch (e) {
                error = e;
              }
              expect(error).toMatchObject({ code });
            },
          };
        },
      };
    },
  };
}
