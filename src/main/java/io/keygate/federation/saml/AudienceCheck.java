package io.keygate.federation.saml;

import java.util.List;

import org.w3c.dom.Element;

/**
 * The assertion is meant for Keygate (SAML 2.0 Core, section 2.5.1.4): it has at least one
 * {@code AudienceRestriction}, and every one of them names Keygate's entity id (or a configured extra audience).
 */
final class AudienceCheck implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        Element conditions = SamlXml.child(w.assertion, SamlXml.ASSERTION, "Conditions");
        List<Element> restrictions = conditions == null ? List.of()
                : SamlXml.children(conditions, SamlXml.ASSERTION, "AudienceRestriction");
        if (restrictions.isEmpty()) {
            throw SamlWork.invalid("The assertion has no AudienceRestriction.");
        }
        for (Element restriction : restrictions) {
            boolean ours = false;
            for (Element audience : SamlXml.children(restriction, SamlXml.ASSERTION, "Audience")) {
                String value = SamlXml.text(audience);
                w.audiences.add(value);
                ours |= w.settings.acceptsAudience(value);
            }
            if (!ours) {
                throw SamlWork.invalid("Incorrect assertion audience: an AudienceRestriction does not name "
                        + w.settings.entityId() + ".");
            }
        }
    }
}
