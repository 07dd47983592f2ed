package io.faultline.harness.history.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.history.Keyword;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EdnTest {

  private static Keyword kw(String name) {
    return Keyword.of(name);
  }

  @Nested
  class InitFlags {
    @Test
    void an_integer_flag_is_a_long() {
      assertThat(Edn.parse("0")).isEqualTo(0L);
    }

    @Test
    void nil_is_null() {
      assertThat(Edn.parse("nil")).isNull();
    }

    @Test
    void a_map_flag_keeps_keyword_keys_in_order() {
      Object v = Edn.parse("{:x 0 :y 0}");
      assertThat(v).isInstanceOf(LinkedHashMap.class);
      assertThat(new ArrayList<Object>(((Map<?, ?>) v).keySet())).containsExactly(kw("x"), kw("y"));
      assertThat(v).isEqualTo(Map.of(kw("x"), 0L, kw("y"), 0L));
    }

    @Test
    void a_symbol_such_as_free_is_a_string() {
      assertThat(Edn.parse("free")).isEqualTo("free");
    }

    @Test
    void more_than_one_value_is_an_error() {
      assertThatThrownBy(() -> Edn.parse("1 2"))
          .isInstanceOf(EdnException.class)
          .hasMessageContaining("expected one EDN value");
    }

    @Test
    void no_value_is_an_error() {
      assertThatThrownBy(() -> Edn.parse("  ; nothing\n"))
          .isInstanceOf(EdnException.class)
          .hasMessageContaining("no EDN value");
    }
  }

  @Nested
  class Scalars {
    @ParameterizedTest
    @CsvSource({"true,true", "false,false"})
    void booleans(String text, boolean expected) {
      assertThat(Edn.parse(text)).isEqualTo(expected);
    }

    @Test
    void integers_are_longs_whatever_their_size_up_to_64_bits() {
      assertThat(Edn.parse("42")).isEqualTo(42L);
      assertThat(Edn.parse("-7")).isEqualTo(-7L);
      assertThat(Edn.parse("+7")).isEqualTo(7L);
      assertThat(Edn.parse("99286665244")).isEqualTo(99286665244L);
      assertThat(Edn.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
      assertThat(Edn.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void the_N_suffix_gives_a_long_when_it_fits_and_a_BigInteger_when_not() {
      assertThat(Edn.parse("12N")).isEqualTo(12L);
      assertThat(Edn.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
      assertThat(Edn.parse("123456789012345678901234567890N"))
          .isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void floats_are_doubles_and_the_M_suffix_is_exact() {
      assertThat(Edn.parse("1.5")).isEqualTo(1.5d);
      assertThat(Edn.parse("-2.5e3")).isEqualTo(-2500d);
      assertThat(Edn.parse("1E2")).isEqualTo(100d);
      assertThat(Edn.parse("1.25M")).isEqualTo(new BigDecimal("1.25"));
      assertThat(Edn.parse("##Inf")).isEqualTo(Double.POSITIVE_INFINITY);
      assertThat((Double) Edn.parse("##NaN")).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12abc", "1.2.3x", "0x"})
    void a_bad_number_names_itself(String text) {
      assertThatThrownBy(() -> Edn.parse(text))
          .isInstanceOf(EdnException.class)
          .hasMessageContaining("invalid number '" + text + "'");
    }

    @Test
    void strings_with_escapes() {
      assertThat(Edn.parse("\"a\\\"b\\\\c\\nd\\te\\u00e9\"")).isEqualTo("a\"b\\c\nd\teé");
      assertThat(Edn.parse("\"\"")).isEqualTo("");
    }

    @Test
    void characters() {
      assertThat(Edn.parse("\\a")).isEqualTo('a');
      assertThat(Edn.parse("\\newline")).isEqualTo('\n');
      assertThat(Edn.parse("\\space")).isEqualTo(' ');
      assertThat(Edn.parse("\\u0041")).isEqualTo('A');
      assertThat(Edn.parse("[\\a \\b]")).isEqualTo(List.of('a', 'b'));
      assertThat(Edn.parse("[\\(]")).isEqualTo(List.of('('));
    }

    @Test
    void keywords_and_symbols() {
      assertThat(Edn.parse(":cas")).isEqualTo(kw("cas"));
      assertThat(Edn.parse(":not-held")).isEqualTo(kw("not-held"));
      assertThat(Edn.parse(":jepsen/op")).isEqualTo(kw("jepsen/op"));
      assertThat(Edn.parse("some.ns/sym")).isEqualTo("some.ns/sym");
      assertThat(Edn.parse("-")).isEqualTo("-");
      assertThat(Edn.parse("-foo")).isEqualTo("-foo");
    }
  }

  @Nested
  class Collections {
    @Test
    void vectors_and_lists_are_lists() {
      assertThat(Edn.parse("[1 2 3]")).isEqualTo(List.of(1L, 2L, 3L));
      assertThat(Edn.parse("(1, 2, 3)")).isEqualTo(List.of(1L, 2L, 3L));
      assertThat(Edn.parse("[]")).isEqualTo(List.of());
      assertThat(Edn.parse("[nil nil]")).asList().containsExactly(null, null);
    }

    @Test
    void nested_values() {
      Object v = Edn.parse("[[:read :x nil] [:write :y 3] {:a [1 {:b #{2}}]}]");
      Map<Object, Object> inner = new LinkedHashMap<>();
      inner.put(kw("b"), Set.of(2L));
      List<Object> read = new ArrayList<>();
      read.add(kw("read"));
      read.add(kw("x"));
      read.add(null);
      assertThat(v)
          .isEqualTo(
              List.of(
                  read, List.of(kw("write"), kw("y"), 3L), Map.of(kw("a"), List.of(1L, inner))));
    }

    @Test
    void sets_keep_order() {
      Object v = Edn.parse("#{:n3 :n1 :n2}");
      assertThat(v).isInstanceOf(LinkedHashSet.class);
      assertThat(new ArrayList<Object>((Set<?>) v)).containsExactly(kw("n3"), kw("n1"), kw("n2"));
    }

    @Test
    void a_map_with_a_missing_value_is_an_error_with_its_line() {
      assertThatThrownBy(() -> Edn.parse("{:a 1\n :b}"))
          .isInstanceOf(EdnException.class)
          .hasMessage("line 2: the map that starts at line 1 has a key with no value (:b)");
    }

    @Test
    void an_unterminated_vector_names_where_it_started() {
      assertThatThrownBy(() -> Edn.parse("[1\n2\n3"))
          .isInstanceOf(EdnException.class)
          .hasMessage("line 3: end of input inside the vector that starts at line 1 (missing ']')");
    }

    @Test
    void a_stray_closer_is_an_error() {
      assertThatThrownBy(() -> Edn.parse("[1 2))"))
          .isInstanceOf(EdnException.class)
          .hasMessageContaining("unexpected ')'");
    }

    @Test
    void absurd_nesting_is_an_error_not_a_stack_overflow() {
      assertThatThrownBy(() -> Edn.parse("[".repeat(100_000)))
          .isInstanceOf(EdnException.class)
          .hasMessage("line 1: forms nested more than 1000 deep");
      assertThatThrownBy(() -> Edn.parse("#_".repeat(100_000) + "1"))
          .isInstanceOf(EdnException.class)
          .hasMessageContaining("nested more than 1000 deep");
      assertThat(Edn.parse("[".repeat(500) + "]".repeat(500))).isInstanceOf(List.class);
    }

    @Test
    void an_unterminated_string_is_an_error() {
      assertThatThrownBy(() -> Edn.parse("\"abc\n"))
          .isInstanceOf(EdnException.class)
          .hasMessageContaining("end of input inside the string that starts at line 1");
    }
  }

  @Nested
  class ReaderMacros {
    @Test
    void comments_commas_and_discards_are_skipped() {
      assertThat(Edn.parse("; a comment\n[1, #_ 2 3 ; trailing\n #_[:x :y] 4]"))
          .isEqualTo(List.of(1L, 3L, 4L));
      assertThat(Edn.parse("#_ #_ 1 2 3")).isEqualTo(3L);
    }

    @Test
    void tagged_literals_keep_their_inner_value() {
      assertThat(Edn.parse("#inst \"2017-01-01T00:00:00.000-00:00\""))
          .isEqualTo("2017-01-01T00:00:00.000-00:00");
      assertThat(Edn.parse("#uuid \"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\""))
          .isEqualTo("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    }

    @Test
    void a_record_literal_is_its_map() {
      Object v = Edn.parse("#jepsen.history.Op{:index 0, :type :invoke, :f :read, :value nil}");
      assertThat(v).isInstanceOf(Map.class);
      assertThat(((Map<?, ?>) v).get(kw("f"))).isEqualTo(kw("read"));
    }

    @Test
    void metadata_is_dropped() {
      assertThat(Edn.parse("^{:tag x} [1]")).isEqualTo(List.of(1L));
      assertThat(Edn.parse("^:private [1]")).isEqualTo(List.of(1L));
    }

    @Test
    void namespaced_maps_qualify_their_keys() {
      assertThat(Edn.parse("#:op{:f :read}")).isEqualTo(Map.of(kw("op/f"), kw("read")));
    }

    @Test
    void non_edn_reader_macros_are_errors() {
      assertThatThrownBy(() -> Edn.parse("@x"))
          .isInstanceOf(EdnException.class)
          .hasMessageContaining("unsupported reader macro '@'");
    }
  }

  @Nested
  class Streaming {
    @Test
    void yields_top_level_forms_one_at_a_time_with_their_lines() throws Exception {
      try (EdnReader r = new EdnReader(new StringReader("; header\n{:a 1}\n\n[2]\n:k"))) {
        assertThat(r.hasNext()).isTrue();
        assertThat(r.next()).isEqualTo(Map.of(kw("a"), 1L));
        assertThat(r.line()).isEqualTo(2);
        assertThat(r.next()).isEqualTo(List.of(2L));
        assertThat(r.line()).isEqualTo(4);
        assertThat(r.next()).isEqualTo(kw("k"));
        assertThat(r.line()).isEqualTo(5);
        assertThat(r.hasNext()).isFalse();
      }
    }

    @Test
    void reads_forms_larger_than_its_buffer() throws Exception {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < 50_000; i++) {
        sb.append(i).append(" \"s").append(i).append("\" ");
      }
      sb.append(']');
      List<?> v = (List<?>) Edn.parse(sb.toString());
      assertThat(v).hasSize(100_000);
      assertThat(v.get(99_999)).isEqualTo("s49999");
    }
  }

  @Nested
  class Printing {
    @Test
    void prints_values_as_clojure_would() {
      Map<Object, Object> m = new LinkedHashMap<>();
      m.put(kw("x"), 1L);
      m.put("s", List.of(kw("a"), 2.5d));
      List<Object> withNil = new ArrayList<>();
      withNil.add(null);
      withNil.add(true);
      m.put(kw("v"), withNil);
      assertThat(Edn.write(m)).isEqualTo("{:x 1, \"s\" [:a 2.5], :v [nil true]}");
      assertThat(Edn.write("a\"b\n")).isEqualTo("\"a\\\"b\\n\"");
      assertThat(Edn.write(new LinkedHashSet<>(List.of(1L, 2L)))).isEqualTo("#{1 2}");
      assertThat(Edn.write('a')).isEqualTo("\\a");
      assertThat(Edn.write('\n')).isEqualTo("\\newline");
      assertThat(Edn.write(new BigInteger("123456789012345678901234567890"))).endsWith("N");
      assertThat(Edn.write(new BigDecimal("1.5"))).isEqualTo("1.5M");
      assertThat(Edn.write(Double.NEGATIVE_INFINITY)).isEqualTo("##-Inf");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "nil",
          "[1 -2 3.5 \"x\" :y nil true false]",
          "{:a {:b [1 #{:c}]}, \"k\" (1 2)}",
          "[\\a \\newline \\space]",
          "12345678901234567890123N",
          "1.5M",
          "[\"tab\\there\" \"q\\\"\"]",
          "{nil nil, 1 [], [] {}}",
          "##NaN"
        })
    void what_it_prints_reads_back_equal(String text) {
      Object v = Edn.parse(text);
      Object again = Edn.parse(Edn.write(v));
      if (v instanceof Double d && d.isNaN()) {
        assertThat((Double) again).isNaN();
      } else {
        assertThat(again).isEqualTo(v);
      }
    }
  }
}
