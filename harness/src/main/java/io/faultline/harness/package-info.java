/**
 * Faultline's engine. It knows only interfaces and depends on no other module: the system under test is a black box
 * reached over the network, and workloads and nemeses plug in from their own modules.
 *
 * <ul>
 *   <li>{@code history}: the op and history model, and its codecs (JSON Lines, EDN, Jepsen's text logs);
 *   <li>{@code checker}: verdicts over histories, chief among them linearizability;
 *   <li>{@code cli}: the {@code ./faultline} command line.
 * </ul>
 */
package io.faultline.harness;
