package dev.floe.wal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Random rows for any Floe table schema, in Iceberg's internal representation: strings from a
 * small pool (so values repeat, as resource attributes do) or unique, nulls in optional columns,
 * maps and lists of a few entries. Map values may be null, and maps may be shared by several
 * rows, as a resource's attributes are.
 */
final class RandomRows {
  private static final String[] POOL = {"checkout", "payments", "shop", "service.name", "k8s.pod.name", "", "é✓"};

  private final SplittableRandom random;
  private final Map<Types.StructType, GenericRecord> empty = new HashMap<>();
  private final List<Map<Object, Object>> maps = new ArrayList<>();
  private final boolean shareMaps;
  private int unique;

  RandomRows(long seed) {
    this(seed, true);
  }

  /** @param shareMaps whether half the maps are ones an earlier row holds */
  RandomRows(long seed, boolean shareMaps) {
    this.random = new SplittableRandom(seed);
    this.shareMaps = shareMaps;
  }

  List<Record> rows(Schema schema, int count) {
    List<Record> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(struct(schema.asStruct()));
    }
    return rows;
  }

  private Record struct(Types.StructType struct) {
    GenericRecord row = empty.computeIfAbsent(struct, GenericRecord::create).copy();
    List<Types.NestedField> fields = struct.fields();
    for (int i = 0; i < fields.size(); i++) {
      Types.NestedField field = fields.get(i);
      boolean absent = field.isOptional() && random.nextInt(5) == 0;
      row.set(i, absent ? null : value(field.type()));
    }
    return row;
  }

  private Object value(Type type) {
    switch (type.typeId()) {
      case STRING:
        return random.nextInt(3) == 0 ? "unique value " + unique++ : POOL[random.nextInt(POOL.length)];
      case BOOLEAN:
        return random.nextBoolean();
      case INTEGER:
        return random.nextInt(4);
      case LONG:
      case TIMESTAMP:
        return 1_700_000_000_000_000L + random.nextInt(1_000_000);
      case DOUBLE:
        return random.nextDouble();
      case FIXED:
        byte[] bytes = new byte[((Types.FixedType) type).length()];
        random.nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
      case MAP:
        if (shareMaps && !maps.isEmpty() && random.nextBoolean()) {
          return maps.get(random.nextInt(maps.size()));
        }
        Map<Object, Object> map = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          Object value = random.nextInt(6) == 0 ? null : value(type.asMapType().valueType());
          map.put(value(type.asMapType().keyType()), value);
        }
        maps.add(map);
        return map;
      case LIST:
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          list.add(value(type.asListType().elementType()));
        }
        return list;
      case STRUCT:
        return struct(type.asStructType());
      default:
        throw new IllegalArgumentException("no random values of " + type);
    }
  }
}
