/**
 * The results store, laid out as Jepsen's: {@code results/runs/<test>/<yyyyMMdd'T'HHmmss.SSS>/} holds
 * {@code test.json} (the spec, seed included), {@code history.jsonl}, {@code results.json}, {@code report.html},
 * {@code latency.hlog} and {@code nodes/<node>/…}; {@code results/runs/latest} points at the newest run.
 */
package io.faultline.harness.store;
