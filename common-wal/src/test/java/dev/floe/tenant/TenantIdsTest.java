package dev.floe.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TenantIdsTest {
  @Test
  void missingHeaderMeansTheDefaultTenant() {
    assertThat(TenantIds.forWrite(null, "default")).isEqualTo("default");
    assertThat(TenantIds.forWrite("team-a_1.prod", "default")).isEqualTo("team-a_1.prod");
  }

  @Test
  void invalidTenantsAreRejectedNeverMapped() {
    assertThatThrownBy(() -> TenantIds.forWrite("", "d")).hasMessageContaining("empty");
    assertThatThrownBy(() -> TenantIds.forWrite("a/b", "d")).hasMessageContaining("position 1");
    assertThatThrownBy(() -> TenantIds.forWrite("..", "d")).isInstanceOf(InvalidTenantException.class);
    assertThatThrownBy(() -> TenantIds.forWrite("x".repeat(151), "d")).hasMessageContaining("150");
    assertThatThrownBy(() -> TenantIds.forWrite("a|b", "d")).hasMessageContaining("several");
  }

  @Test
  void readsMayNameSeveralTenants() {
    assertThat(TenantIds.forRead("a|b|a", "d")).containsExactly("a", "b");
    assertThatThrownBy(() -> TenantIds.forRead("a||b", "d")).hasMessageContaining("empty");
  }
}
