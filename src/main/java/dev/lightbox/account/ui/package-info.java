@NullMarked
package dev.lightbox.account.ui;

import org.jspecify.annotations.NullMarked;
