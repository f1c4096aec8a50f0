package dev.lightbox.analysis.service;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Analysis runs inside a {@link PointerScope} that frees every native object made during it. A model a
 * thread keeps for its next photos (a DNN, a cascade), first loaded inside such a scope, must leave it.
 */
final class NativeScopes {

    private NativeScopes() {
    }

    /** Detaching releases the scope's reference, which would free the object: one of our own is taken first. */
    static <P extends Pointer> P outliving(P pointer) {
        PointerScope scope = PointerScope.getInnerScope();
        if (scope != null) {
            pointer.retainReference();
            scope.detach(pointer);
        }
        return pointer;
    }
}
