/** What a hop through Faultline's Toxiproxy-compatible proxy adds to a loopback round trip. */
package io.faultline.jmh.proxy;
