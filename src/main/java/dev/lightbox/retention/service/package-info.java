@NullMarked
package dev.lightbox.retention.service;

import org.jspecify.annotations.NullMarked;
