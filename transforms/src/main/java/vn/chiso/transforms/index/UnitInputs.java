package vn.chiso.transforms.index;

import java.io.Serializable;
import java.util.Map;

/** A unit's inputs by input code. */
public record UnitInputs(UnitKey key, Map<String, InputValue> inputs) implements Serializable {}
