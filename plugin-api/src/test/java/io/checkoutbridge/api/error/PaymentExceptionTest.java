package io.checkoutbridge.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentExceptionTest {

  @Test
  void theBaseCannotBeThrownItself() {
    assertThat(Modifier.isAbstract(PaymentException.class.getModifiers())).isTrue();
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void everyCodeIsThrownAsItsOwnSubclassCarryingTheCodeRequestIdAndRetryAdvice(ErrorCode code) {
    Throwable cause = new RuntimeException("socket closed");

    PaymentException e = PaymentException.of(code, "it went wrong", "req_42", cause);

    assertThat(e.getClass()).isNotEqualTo(PaymentException.class);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.providerRequestId()).isEqualTo("req_42");
    assertThat(e.retryable()).isEqualTo(code.retryable());
    assertThat(e.getCause()).isSameAs(cause);
    assertThat(e).hasMessage("it went wrong");
  }

  @Test
  void noTwoCodesShareASubclass() {
    Set<Class<?>> classes = new HashSet<>();
    for (ErrorCode code : ErrorCode.values()) {
      classes.add(PaymentException.of(code, "x").getClass());
    }
    assertThat(classes).hasSize(ErrorCode.values().length);
  }

  @Test
  void aDeclineIsAlwaysADeclinedExceptionAndAStorageFailureAlwaysAStorageException() {
    assertThat(PaymentException.of(ErrorCode.DECLINED, "card declined")).isInstanceOf(DeclinedException.class);
    assertThat(PaymentException.of(ErrorCode.STORAGE, "disk full")).isInstanceOf(StorageException.class);
    assertThat(new DeclinedException("card declined").code()).isEqualTo(ErrorCode.DECLINED);
    assertThat(new StorageException("disk full").retryable()).isTrue();
  }

  @Test
  void onlyTransientConditionsAdviseARetry() {
    EnumSet<ErrorCode> retryable = EnumSet.noneOf(ErrorCode.class);
    for (ErrorCode code : ErrorCode.values()) {
      if (PaymentException.of(code, "x").retryable()) {
        retryable.add(code);
      }
    }
    assertThat(retryable).containsExactlyInAnyOrder(ErrorCode.OPERATION_IN_PROGRESS, ErrorCode.RATE_LIMITED,
        ErrorCode.TRANSIENT_NETWORK, ErrorCode.STORAGE);
  }
}
