package io.faultline.nemesis.toxiproxy.api;

import java.util.List;

/**
 * One API request, detached from the transport.
 *
 * @param method the HTTP method, upper case
 * @param segments the decoded path segments, e.g. {@code [proxies, db, toxics]}
 * @param body the request body as text; empty when there is none
 */
record ApiRequest(String method, List<String> segments, String body) {}
