/** Shown after `cloud --help`: a first session, and what the exit codes mean for scripts. */
export const ROOT_HELP_FOOTER = `
Examples:
  cloud init                           create the pods light, medium and heavy
  cloud register n1 light              add node n1 to pod light (status NEW)
  cloud launch light                   start n1; /light is then served through the load balancer
  cloud elasticity enable light 1 6    let light grow and shrink between 1 and 6 nodes
  cloud node ls --json                 the nodes, as JSON for scripts
  cloud watch                          the cloud live: per pod nodes, req/s, latency, CPU, and the last events
  cloud job submit heavy --workload heavy --wait    a batch job, followed to its end
  cloud launch job.sh                  a script file, as a batch job on pod light
  cloud                                (no arguments) an interactive cloud> prompt with history

Exit codes: 0 done, 1 refused by the manager (the message says why), 2 wrong usage,
3 manager unreachable or failing, 4 a job waited for (--wait) did not succeed.
Run "cloud help COMMAND" for a command's arguments and options.`;
