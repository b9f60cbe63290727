package io.restore.kmip.object;

import io.restore.kmip.ttlv.ResultReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes of one managed object: values by name and index, names in the order they were
 * first set. Not thread-safe: {@link StoredObject} guards it with its own lock.
 */
final class AttributeTable {
  private final Map<String, List<AttributeValue>> byName = new LinkedHashMap<>();

  /** Sets the single value of a server-managed attribute, replacing any. */
  void put(String name, AttributeValue value) {
    List<AttributeValue> values = byName.computeIfAbsent(name, n -> new ArrayList<>());
    values.clear();
    values.add(value);
  }

  boolean has(String name) {
    return byName.containsKey(name);
  }

  List<StoredAttribute> all() {
    List<StoredAttribute> all = new ArrayList<>();
    byName.forEach(
        (name, values) -> {
          for (int i = 0; i < values.size(); i++) {
            all.add(new StoredAttribute(name, i, values.get(i)));
          }
        });
    return all;
  }

  List<AttributeValue> values(String name) {
    List<AttributeValue> values = byName.get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  Optional<AttributeValue> first(String name) {
    List<AttributeValue> values = byName.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Appends a value; refused when a single-valued attribute already has one. Returns its index. */
  int add(String name, AttributeValue value) throws ObjectException {
    List<AttributeValue> values = byName.computeIfAbsent(name, n -> new ArrayList<>());
    if (!values.isEmpty() && !AttributeRules.isMultiValued(name)) {
      throw new ObjectException(
          ResultReason.ILLEGAL_OPERATION, "attribute " + name + " already has a value");
    }
    values.add(value);
    return values.size() - 1;
  }

  /** Replaces the value at {@code index}. */
  void set(String name, int index, AttributeValue value) throws ObjectException {
    existing(name, index).set(index, value);
  }

  /** Removes the value at {@code index}, and the name with its last value; returns the value. */
  AttributeValue remove(String name, int index) throws ObjectException {
    List<AttributeValue> values = existing(name, index);
    AttributeValue removed = values.remove(index);
    if (values.isEmpty()) {
      byName.remove(name);
    }
    return removed;
  }

  private List<AttributeValue> existing(String name, int index) throws ObjectException {
    List<AttributeValue> values = byName.get(name);
    if (values == null || values.isEmpty()) {
      throw new ObjectException(ResultReason.ITEM_NOT_FOUND, "attribute " + name + " is not set");
    }
    if (index >= values.size()) {
      throw new ObjectException(
          ResultReason.INDEX_OUT_OF_BOUNDS, "attribute " + name + " has no index " + index);
    }
    return values;
  }
}
