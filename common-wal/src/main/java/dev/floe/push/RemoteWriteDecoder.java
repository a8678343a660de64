package dev.floe.push;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Prometheus remote write 1.0's {@code prometheus.WriteRequest} (after snappy): {@code
 * timeseries = 1} of {@code TimeSeries {labels = 1; samples = 2; exemplars = 3; histograms = 4}},
 * {@code metadata = 3}. Packed and unpacked repeated scalars are both read; unknown fields skipped.
 */
final class RemoteWriteDecoder {
  private RemoteWriteDecoder() {}

  static RemoteWriteRequest decode(byte[] body) {
    CodedInputStream in = CodedInputStream.newInstance(body);
    List<RemoteWriteRequest.Series> series = new ArrayList<>();
    List<RemoteWriteRequest.Metadata> metadata = new ArrayList<>();
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (ProtoFields.fieldNumber(tag)) {
          case 1 -> {
            int limit = ProtoFields.enter(in, tag, "WriteRequest.timeseries");
            series.add(series(in));
            in.popLimit(limit);
          }
          case 3 -> {
            int limit = ProtoFields.enter(in, tag, "WriteRequest.metadata");
            metadata.add(metadata(in));
            in.popLimit(limit);
          }
          default -> in.skipField(tag);
        }
      }
    } catch (IOException e) {
      throw ProtoFields.malformed("remote write request", e);
    }
    return new RemoteWriteRequest(series, metadata);
  }

  private static RemoteWriteRequest.Series series(CodedInputStream in) throws IOException {
    List<String> labels = new ArrayList<>();
    List<RemoteWriteRequest.Sample> samples = new ArrayList<>();
    List<NativeHistogram> histograms = new ArrayList<>(0);
    int exemplars = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (ProtoFields.fieldNumber(tag)) {
        case 1 -> {
          int limit = ProtoFields.enter(in, tag, "TimeSeries.labels");
          String name = "";
          String value = "";
          for (int t = in.readTag(); t != 0; t = in.readTag()) {
            switch (ProtoFields.fieldNumber(t)) {
              case 1 -> {
                ProtoFields.require(t, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Label.name");
                name = in.readStringRequireUtf8();
              }
              case 2 -> {
                ProtoFields.require(t, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Label.value");
                value = in.readStringRequireUtf8();
              }
              default -> in.skipField(t);
            }
          }
          in.popLimit(limit);
          labels.add(name);
          labels.add(value);
        }
        case 2 -> {
          int limit = ProtoFields.enter(in, tag, "TimeSeries.samples");
          double value = 0;
          long timestamp = 0;
          for (int t = in.readTag(); t != 0; t = in.readTag()) {
            switch (ProtoFields.fieldNumber(t)) {
              case 1 -> {
                ProtoFields.require(t, WireFormat.WIRETYPE_FIXED64, "Sample.value");
                value = in.readDouble();
              }
              case 2 -> {
                ProtoFields.require(t, WireFormat.WIRETYPE_VARINT, "Sample.timestamp");
                timestamp = in.readInt64();
              }
              default -> in.skipField(t);
            }
          }
          in.popLimit(limit);
          samples.add(new RemoteWriteRequest.Sample(value, timestamp));
        }
        case 3 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "TimeSeries.exemplars");
          in.skipField(tag);
          exemplars++;
        }
        case 4 -> {
          int limit = ProtoFields.enter(in, tag, "TimeSeries.histograms");
          histograms.add(histogram(in));
          in.popLimit(limit);
        }
        default -> in.skipField(tag);
      }
    }
    return new RemoteWriteRequest.Series(labels, samples, exemplars, histograms);
  }

  private static NativeHistogram histogram(CodedInputStream in) throws IOException {
    NativeHistogram h = new NativeHistogram();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (ProtoFields.fieldNumber(tag)) {
        case 1 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_VARINT, "Histogram.count_int");
          h.countInt = in.readUInt64();
        }
        case 2 -> {
          in.skipField(tag);
          h.floatCounts = true;
        }
        case 3 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_FIXED64, "Histogram.sum");
          h.sum = in.readDouble();
        }
        case 4 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_VARINT, "Histogram.schema");
          h.schema = in.readSInt32();
        }
        case 5 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_FIXED64, "Histogram.zero_threshold");
          h.zeroThreshold = in.readDouble();
        }
        case 6 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_VARINT, "Histogram.zero_count_int");
          h.zeroCountInt = in.readUInt64();
        }
        case 7 -> {
          in.skipField(tag);
          h.floatCounts = true;
        }
        case 8 -> span(in, tag, h.negative);
        case 9 -> deltas(in, tag, h.negative);
        case 10 -> {
          in.skipField(tag);
          h.negative.floatCounts = true;
        }
        case 11 -> span(in, tag, h.positive);
        case 12 -> deltas(in, tag, h.positive);
        case 13 -> {
          in.skipField(tag);
          h.positive.floatCounts = true;
        }
        case 14 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_VARINT, "Histogram.reset_hint");
          h.resetHint = in.readEnum();
        }
        case 15 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_VARINT, "Histogram.timestamp");
          h.timestampMillis = in.readInt64();
        }
        case 16 -> {
          in.skipField(tag);
          h.customValues = true;
        }
        default -> in.skipField(tag);
      }
    }
    return h;
  }

  private static RemoteWriteRequest.Metadata metadata(CodedInputStream in) throws IOException {
    int type = 0;
    String family = "";
    String help = "";
    String unit = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (ProtoFields.fieldNumber(tag)) {
        case 1 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_VARINT, "MetricMetadata.type");
          type = in.readEnum();
        }
        case 2 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "MetricMetadata.metric_family_name");
          family = in.readStringRequireUtf8();
        }
        case 4 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "MetricMetadata.help");
          help = in.readStringRequireUtf8();
        }
        case 5 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "MetricMetadata.unit");
          unit = in.readStringRequireUtf8();
        }
        default -> in.skipField(tag);
      }
    }
    return new RemoteWriteRequest.Metadata(type, family, help, unit);
  }

  private static void span(CodedInputStream in, int tag, NativeHistogram.Buckets buckets) throws IOException {
    int limit = ProtoFields.enter(in, tag, "Histogram spans");
    int offset = 0;
    int length = 0;
    for (int t = in.readTag(); t != 0; t = in.readTag()) {
      switch (ProtoFields.fieldNumber(t)) {
        case 1 -> {
          ProtoFields.require(t, WireFormat.WIRETYPE_VARINT, "BucketSpan.offset");
          offset = in.readSInt32();
        }
        case 2 -> {
          ProtoFields.require(t, WireFormat.WIRETYPE_VARINT, "BucketSpan.length");
          length = in.readUInt32();
        }
        default -> in.skipField(t);
      }
    }
    in.popLimit(limit);
    buckets.spans.add(new int[] {offset, length});
  }

  private static void deltas(CodedInputStream in, int tag, NativeHistogram.Buckets buckets) throws IOException {
    if (ProtoFields.packed(tag)) {
      int limit = ProtoFields.enter(in, tag, "Histogram deltas");
      while (in.getBytesUntilLimit() > 0) {
        buckets.deltas.add(in.readSInt64());
      }
      in.popLimit(limit);
    } else {
      ProtoFields.require(tag, WireFormat.WIRETYPE_VARINT, "Histogram deltas");
      buckets.deltas.add(in.readSInt64());
    }
  }
}
