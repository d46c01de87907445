package io.checkoutbridge.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the ledger's tables in container tests: what the plugin wrote is checked where it lives. */
public final class LedgerQueries {
  private LedgerQueries() {}

  /** The first row of {@code sql} (one {@code ?}, bound to {@code id}) as text, or empty. */
  public static List<String> row(Connection c, String sql, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        List<String> values = new ArrayList<>();
        if (rs.next()) {
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            values.add(rs.getString(i));
          }
        }
        return values;
      }
    }
  }

  /** The first column of every row of {@code sql} (one {@code ?}, bound to {@code id}), as text. */
  public static List<String> column(Connection c, String sql, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        List<String> values = new ArrayList<>();
        while (rs.next()) {
          values.add(rs.getString(1));
        }
        return values;
      }
    }
  }
}
