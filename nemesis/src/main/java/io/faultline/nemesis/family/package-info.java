/**
 * What a fault family is, and how families compose: the {@link io.faultline.nemesis.family.FamilyFactory} that each
 * family's package implements (its declaration, healing order and package), the
 * {@link io.faultline.nemesis.family.NemesisPackage} it makes for a test (Jepsen's nemesis package), the
 * {@link io.faultline.nemesis.family.ComposedNemesis} that dispatches a composed plan's ops by their {@code f}, and
 * {@link io.faultline.nemesis.family.Targets}, which picks the nodes a fault hits. The family packages
 * ({@code net}, {@code clock}, {@code process}) depend on this package, and it on none of them.
 */
package io.faultline.nemesis.family;
